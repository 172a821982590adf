using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>nuget.org API keys: "oy2" followed by 43 lower-case letters and digits.</summary>
internal static partial class NuGetApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "nuget-api-key",
        Description = "NuGet API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["oy2"],
        MinEntropy = 3.5,
        TruePositives =
        [
            $"dotnet nuget push pkg.nupkg --api-key {Sample.Token("oy2", 43, Sample.Lower + Sample.Digits)}",
            $"<add key=\"ApiKey\" value=\"{Sample.Token("oy2", 43, Sample.Lower + Sample.Digits, 1)}\" />",
        ],
        FalsePositives = [$"oy2{new string('a', 43)}", "toy2000", $"x{Sample.Token("oy2", 43, Sample.Lower + Sample.Digits, 2)}"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
