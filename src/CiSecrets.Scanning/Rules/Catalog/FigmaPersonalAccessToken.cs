using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Figma personal access tokens, which start with figd_ and go on with 40 or more base64url characters.</summary>
internal static partial class FigmaPersonalAccessToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "figma-personal-access-token",
        Description = "Figma personal access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["figd_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("FIGMA_TOKEN=figd_", Sample.Token("", 58, Sample.Base64Url))],
        FalsePositives = ["figd_abc", Sample.Join("figd_", new string((char)120, 40))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>figd_[A-Za-z0-9_-]{40,100})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
