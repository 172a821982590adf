using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Slack bot tokens (xoxb-), https://api.slack.com/authentication/token-types#bot.</summary>
internal static partial class SlackBotToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "slack-bot-token",
        Description = "Slack bot token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["xoxb-"],
        MinEntropy = 3,
        TruePositives =
        [
            Sample.Join("SLACK_BOT_TOKEN=xoxb-", Sample.Token("", 12, Sample.Digits), "-", Sample.Token("", 13, Sample.Digits, 1), "-", Sample.Token("", 24, Sample.AlphaNumeric)),
            Sample.Join("token: \"xoxb-", Sample.Token("", 11, Sample.Digits, 2), "-", Sample.Token("", 13, Sample.Digits, 3), "\""),
        ],
        FalsePositives = ["xoxb-123", "SLACK_BOT_TOKEN=xoxb-xxxxxxxxxx-xxxxxxxxxxxxx", "xoxb-your-token-here"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xoxb-[0-9]{10,13}-[0-9]{10,13}(?:-[A-Za-z0-9]{1,64}){0,2})(?![A-Za-z0-9-])")]
    private static partial Regex Pattern();
}
