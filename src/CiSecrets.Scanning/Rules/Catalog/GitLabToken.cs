using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// GitLab tokens other than personal access tokens, by their documented prefixes: deploy, runner,
/// pipeline trigger, feed, OAuth application secret, SCIM, CI job, incoming mail, agent and
/// feature-flag tokens (https://docs.gitlab.com/ee/security/token_overview.html#token-prefixes).
/// </summary>
internal static partial class GitLabToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "gitlab-token",
        Description = "GitLab token (deploy, runner, trigger, feed, OAuth, SCIM, job, agent)",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["gldt-", "glrt-", "glptt-", "glft-", "gloas-", "glsoat-", "glcbt-", "glimt-", "glagent-", "glffct-"],
        MinEntropy = 3,
        TruePositives =
        [
            $"CI_DEPLOY_TOKEN={Sample.Token("gldt-", 20, Sample.AlphaNumeric)}",
            $"token = \"{Sample.Token("glrt-", 20, Sample.AlphaNumeric + "_-", 1)}\"",
            $"trigger: {Sample.Token("glptt-", 40, Sample.Hex, 2)}",
            $"agent_token: {Sample.Token("glagent-", 50, Sample.AlphaNumeric, 3)}",
        ],
        FalsePositives = ["gldt-abc", $"glrt-{new string('x', 20)}", "see the glft- prefix"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>(?:gldt|glrt|glptt|glft|gloas|glsoat|glcbt|glimt|glagent|glffct)-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
