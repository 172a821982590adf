using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>GitHub refresh tokens (ghr_), https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/.</summary>
internal static partial class GitHubRefreshToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "github-refresh-token",
        Description = "GitHub refresh token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["ghr_"],
        MinEntropy = 3,
        TruePositives = [$"refresh_token={Sample.Token("ghr_", 36, Sample.AlphaNumeric)}"],
        FalsePositives = [$"ghr_{new string('x', 36)}", "ghr_short"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ghr_[A-Za-z0-9]{36,76})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
