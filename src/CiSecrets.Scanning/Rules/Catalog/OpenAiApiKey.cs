using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// OpenAI API keys: user, project, service-account and admin keys, all of which carry the
/// base64 of "OpenAI" (T3BlbkFJ) in their middle.
/// </summary>
internal static partial class OpenAiApiKey
{
    private const string Marker = "T3Blbk" + "FJ";

    public static Rule Rule { get; } = new()
    {
        Id = "openai-api-key",
        Description = "OpenAI API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["t3blbkfj"],
        MinEntropy = 3.5,
        TruePositives =
        [
            Sample.Join("OPENAI_API_KEY=sk-", Sample.Token("", 20, Sample.AlphaNumeric), Marker, Sample.Token("", 20, Sample.AlphaNumeric, 1)),
            Sample.Join("api_key = \"sk-proj-", Sample.Token("", 74, Sample.Base64Url, 2), Marker, Sample.Token("", 74, Sample.Base64Url, 3), "\""),
            Sample.Join("sk-svcacct-", Sample.Token("", 58, Sample.Base64Url, 4), Marker, Sample.Token("", 58, Sample.Base64Url, 5)),
        ],
        FalsePositives =
        [
            Sample.Join("sk-", Sample.Token("", 20, Sample.AlphaNumeric), "abcdefgh", Sample.Token("", 20, Sample.AlphaNumeric, 1)),
            "sk-openai-123456",
            Sample.Join("sk-", new string('x', 20), Marker, new string('x', 20)),
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
