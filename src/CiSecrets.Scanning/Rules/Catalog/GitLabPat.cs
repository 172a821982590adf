using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// GitLab personal access tokens: the classic 20-character form and the routable form with a
/// base64 body and a dotted suffix (https://docs.gitlab.com/ee/security/token_overview.html#token-prefixes).
/// </summary>
internal static partial class GitLabPat
{
    public static Rule Rule { get; } = new()
    {
        Id = "gitlab-pat",
        Description = "GitLab personal access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["glpat-"],
        MinEntropy = 3,
        TruePositives =
        [
            $"GITLAB_TOKEN={Sample.Token("glpat-", 20, Sample.AlphaNumeric)}",
            Sample.Join("private_token: glpat-", Sample.Token("", 36, Sample.Base64Url, 1), ".01.", Sample.Token("", 9, Sample.Lower + Sample.Digits)),
        ],
        FalsePositives = ["glpat-abc", $"glpat-{new string('x', 20)}", "glpat-xxxxxxxxxxxxxxxxxxxx"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>glpat-(?:[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{7,9}|[A-Za-z0-9_-]{20}))(?![A-Za-z0-9_.-])")]
    private static partial Regex Pattern();
}
