using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Slack user (xoxp-) and enterprise (xoxe-) tokens, https://api.slack.com/authentication/token-types#user.</summary>
internal static partial class SlackUserToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "slack-user-token",
        Description = "Slack user token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["xoxp-", "xoxe-"],
        MinEntropy = 3,
        TruePositives =
        [
            Sample.Join("user-token=\"xoxp-", Sample.Token("", 11, Sample.Digits), "-", Sample.Token("", 13, Sample.Digits, 1), "-", Sample.Token("", 13, Sample.Digits, 2), "-", Sample.Token("", 32, Sample.Hex), "\""),
            Sample.Join("xoxe-1-", Sample.Token("", 140, Sample.AlphaNumeric, 3)),
        ],
        FalsePositives = ["xoxp-123-456", "xoxp-xxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34}|xoxe(?:\.xox[pb])?-1-[A-Za-z0-9]{100,300})(?![A-Za-z0-9-])")]
    private static partial Regex Pattern();
}
