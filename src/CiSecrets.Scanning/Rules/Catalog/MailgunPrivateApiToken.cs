using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Mailgun private API keys: "key-" and 32 hex characters.</summary>
internal static partial class MailgunPrivateApiToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "mailgun-private-api-token",
        Description = "Mailgun private API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["key-"],
        MinEntropy = 3,
        TruePositives = [$"MAILGUN_API_KEY={Sample.Token("key-", 32, Sample.Hex)}"],
        FalsePositives = [$"cache-{Sample.Token("key-", 32, Sample.Hex, 1)}", $"key-{new string('0', 32)}", "primary-key-column"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>key-[0-9a-f]{32})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
