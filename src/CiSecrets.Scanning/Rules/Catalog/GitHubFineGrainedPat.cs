using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>GitHub fine-grained personal access tokens (https://github.blog/security/application-security/introducing-fine-grained-personal-access-tokens-for-github/).</summary>
internal static partial class GitHubFineGrainedPat
{
    public static Rule Rule { get; } = new()
    {
        Id = "github-fine-grained-pat",
        Description = "GitHub fine-grained personal access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["github_pat_"],
        MinEntropy = 3,
        TruePositives =
        [
            $"GH_TOKEN={Sample.Token("github_pat_", 82, Sample.AlphaNumeric + "_")}",
            $"token: \"{Sample.Token("github_pat_11A", 79, Sample.AlphaNumeric, 1)}\"",
        ],
        FalsePositives =
        [
            $"github_pat_{new string('x', 82)}",
            "github_pat_is_the_prefix",
            $"my{Sample.Token("github_pat_", 40, Sample.AlphaNumeric)}",
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
