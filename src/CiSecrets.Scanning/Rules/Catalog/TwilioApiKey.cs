using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Twilio API key SIDs, which start with SK and go on with 32 hex characters (https://www.twilio.com/docs/iam/api-keys).</summary>
internal static partial class TwilioApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "twilio-api-key",
        Description = "Twilio API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["sk"],
        MinEntropy = 3,
        TruePositives = [$"TWILIO_API_KEY={Sample.Token("SK", 32, Sample.Hex)}"],
        FalsePositives = [$"SK{new string('0', 32)}", $"TASK{Sample.Token("", 32, Sample.Hex)}", "SKILLS_inventory"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
