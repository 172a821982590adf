using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>GitHub classic personal access tokens (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).</summary>
internal static partial class GitHubPat
{
    public static Rule Rule { get; } = new()
    {
        Id = "github-pat",
        Description = "GitHub personal access token (classic)",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["ghp_"],
        MinEntropy = 3,
        TruePositives = [$"GITHUB_TOKEN={Sample.Token("ghp_", 36, Sample.AlphaNumeric)}"],
        FalsePositives = [$"token = ghp_{new string('x', 36)}", "ghp_short"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
