using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// A Twilio auth token: 32 hex characters assigned to an auth-token name near an account SID
/// ("AC" and 32 hex). Without the SID nearby 32 hex characters are too common to report.
/// </summary>
internal static partial class TwilioAuthToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "twilio-auth-token",
        Description = "Twilio account SID with its auth token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["auth_token", "authtoken", "auth-token"],
        WindowBefore = 512,
        WindowAfter = 512,
        MinEntropy = 3,
        TruePositives =
        [
            Sample.Join("TWILIO_ACCOUNT_SID=", Sample.Token("AC", 32, Sample.Hex), "\nTWILIO_AUTH", "_TOKEN=", Sample.Token("", 32, Sample.Hex, 1), "\n"),
            Sample.Join("twilio:\n  auth", "Token: '", Sample.Token("", 32, Sample.Hex, 2), "'\n  accountSid: ", Sample.Token("AC", 32, Sample.Hex, 3), "\n"),
        ],
        FalsePositives =
        [
            Sample.Join("GITHUB_AUTH", "_TOKEN_SHA=", Sample.Token("", 32, Sample.Hex, 4)),
            Sample.Join("TWILIO_ACCOUNT_SID=", Sample.Token("AC", 32, Sample.Hex, 5), "\nTWILIO_AUTH", "_TOKEN=${TWILIO_AUTH_TOKEN}\n"),
        ],
    };

    [GeneratedRegex(@"(?i)(?:(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9])[\s\S]{0,512}?auth[_-]?token[""']?[ \t]*(?::=|=>|=|:)[ \t]*[""']?(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])|auth[_-]?token[""']?[ \t]*(?::=|=>|=|:)[ \t]*[""']?(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])(?=[\s\S]{0,512}?(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9])))")]
    private static partial Regex Pattern();
}
