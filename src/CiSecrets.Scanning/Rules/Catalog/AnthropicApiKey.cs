using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Anthropic API keys: "sk-ant-api" and a two-digit version, 93 characters, and "AA".</summary>
internal static partial class AnthropicApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "anthropic-api-key",
        Description = "Anthropic API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["sk-ant-api"],
        MinEntropy = 3.5,
        TruePositives =
        [
            Sample.Join("ANTHROPIC_API_KEY=sk-ant-", "api03-", Sample.Token("", 93, Sample.Base64Url), "AA"),
            Sample.Join("claude_key = 'sk-ant-", "api04-", Sample.Token("", 93, Sample.Base64Url, 1), "AA'"),
        ],
        FalsePositives = ["sk-ant-api02-notarealkey", Sample.Join("ssk-ant-", "api03-", Sample.Token("", 93, Sample.Base64Url, 2), "AA")],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-ant-api0[0-9]-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
