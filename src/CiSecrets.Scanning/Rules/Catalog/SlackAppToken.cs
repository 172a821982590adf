using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Slack app-level tokens (xapp-), https://api.slack.com/authentication/token-types#app-level.</summary>
internal static partial class SlackAppToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "slack-app-token",
        Description = "Slack app-level token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["xapp-"],
        MinEntropy = 3,
        TruePositives =
        [
            Sample.Join("SLACK_APP_TOKEN=xapp-1-A", Sample.Token("", 10, Sample.UpperDigits), "-", Sample.Token("", 13, Sample.Digits), "-", Sample.Token("", 64, Sample.Hex)),
        ],
        FalsePositives = ["xapp-1-abc", "xapp-1-XXXXXXXXXXX-0000000000000-xxxxxxxxxxxxxxxx"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,16}-[A-Za-z0-9]{32,80})(?![A-Za-z0-9-])")]
    private static partial Regex Pattern();
}
