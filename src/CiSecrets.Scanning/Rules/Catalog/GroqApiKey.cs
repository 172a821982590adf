using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Groq API keys: "gsk_" and 52 letters and digits.</summary>
internal static partial class GroqApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "groq-api-key",
        Description = "Groq API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["gsk_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("GROQ_API_KEY=gsk_", Sample.Token("", 52, Sample.AlphaNumeric))],
        FalsePositives = ["gsk_abc123", Sample.Join("wordgsk_", Sample.Token("", 52, Sample.AlphaNumeric)), Sample.Join("gsk_", Sample.Token("", 56, Sample.AlphaNumeric))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
