using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Legacy Slack tokens: workspace (xoxa-), refresh (xoxr-), legacy user (xoxs-, xoxo-) tokens.</summary>
internal static partial class SlackLegacyToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "slack-legacy-token",
        Description = "Slack legacy, workspace or refresh token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["xoxa-", "xoxr-", "xoxs-", "xoxo-"],
        MinEntropy = 3,
        TruePositives =
        [
            Sample.Join("token=xoxa-", Sample.Token("", 11, Sample.Digits), "-", Sample.Token("", 13, Sample.Digits, 1)),
            Sample.Join("\"xoxs-", Sample.Token("", 10, Sample.Digits, 2), "-", Sample.Token("", 12, Sample.Digits, 3), "-", Sample.Token("", 12, Sample.Digits, 4), "-", Sample.Token("", 64, Sample.Hex), "\""),
        ],
        FalsePositives = ["xoxa-abc", "xoxr-xxxxxxxxxxxxxxxx"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xox[aors]-(?:[0-9]-)?[A-Za-z0-9]{8,72}(?:-[A-Za-z0-9]{8,72}){0,3})(?![A-Za-z0-9-])")]
    private static partial Regex Pattern();
}
