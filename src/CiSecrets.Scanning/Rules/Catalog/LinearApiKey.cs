using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Linear API keys: "lin_api_" and 40 letters and digits.</summary>
internal static partial class LinearApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "linear-api-key",
        Description = "Linear API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["lin_api_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("LINEAR_API_KEY=lin_api_", Sample.Token("", 40, Sample.AlphaNumeric))],
        FalsePositives = ["lin_api_short", Sample.Join("lin_api_", new string((char)120, 40))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
