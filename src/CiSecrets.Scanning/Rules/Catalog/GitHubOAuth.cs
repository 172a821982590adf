using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>GitHub OAuth access tokens (gho_), https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/.</summary>
internal static partial class GitHubOAuth
{
    public static Rule Rule { get; } = new()
    {
        Id = "github-oauth",
        Description = "GitHub OAuth access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["gho_"],
        MinEntropy = 3,
        TruePositives = [$"oauth_token: {Sample.Token("gho_", 36, Sample.AlphaNumeric)}"],
        FalsePositives = [$"gho_{new string('0', 36)}", "gho_short", $"{Sample.Token("gho_", 37, Sample.AlphaNumeric)}"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gho_[A-Za-z0-9]{36})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
