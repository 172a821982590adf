using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// GitHub App user-to-server (ghu_) and installation (ghs_) tokens, including the longer
/// installation token form that carries a JWT after the app id (ghs_ID_eyJ...).
/// </summary>
internal static partial class GitHubAppToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "github-app-token",
        Description = "GitHub App token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["ghu_", "ghs_"],
        MinEntropy = 3,
        TruePositives =
        [
            $"token={Sample.Token("ghu_", 36, Sample.AlphaNumeric)}",
            $"GITHUB_TOKEN: {Sample.Token("ghs_", 36, Sample.AlphaNumeric, 1)}",
            Sample.Join("ghs_4242_eyJ", Sample.Token("", 30, Sample.Base64Url), ".eyJ", Sample.Token("", 60, Sample.Base64Url, 1), ".", Sample.Token("", 43, Sample.Base64Url, 2)),
        ],
        FalsePositives = [$"ghs_{new string('a', 36)}", "ghu_short", "laughs_and_cheers"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gh[us]_[A-Za-z0-9]{36}(?![A-Za-z0-9])|ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{10,2048}\.[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{10,1024})")]
    private static partial Regex Pattern();
}
