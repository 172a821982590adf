using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Slack incoming webhook and workflow URLs: the URL is the credential (https://api.slack.com/messaging/webhooks).</summary>
internal static partial class SlackWebhookUrl
{
    public static Rule Rule { get; } = new()
    {
        Id = "slack-webhook-url",
        Description = "Slack webhook URL",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["hooks.slack.com"],
        Validator = HasRandomKey,
        TruePositives =
        [
            Sample.Join("SLACK_WEBHOOK=https://hooks.slack.com/services/T", Sample.Token("", 10, Sample.UpperDigits), "/B", Sample.Token("", 10, Sample.UpperDigits, 1), "/", Sample.Token("", 24, Sample.AlphaNumeric)),
            Sample.Join("url: https://hooks.slack.com/workflows/T", Sample.Token("", 10, Sample.UpperDigits, 2), "/A", Sample.Token("", 10, Sample.UpperDigits, 3), "/", Sample.Token("", 18, Sample.Digits), "/", Sample.Token("", 24, Sample.AlphaNumeric, 4)),
        ],
        FalsePositives =
        [
            "https://hooks.slack.com/services/TXXXXX/BXXXXX/XXXXXXXXXX",
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "see https://api.slack.com/messaging/webhooks",
        ],
    };

    // The URL's fixed parts carry entropy of their own; only the final key part says whether it is real.
    private static bool HasRandomKey(string url) =>
        Detection.ShannonEntropy.Of(url.AsSpan(url.LastIndexOf('/') + 1)) >= 3;

    [GeneratedRegex(@"(?<secret>(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,120})(?![A-Za-z0-9+/])")]
    private static partial Regex Pattern();
}
