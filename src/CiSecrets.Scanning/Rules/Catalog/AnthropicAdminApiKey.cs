using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Anthropic Admin API keys: "sk-ant-admin01-", 93 characters, and "AA".</summary>
internal static partial class AnthropicAdminApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "anthropic-admin-api-key",
        Description = "Anthropic Admin API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["sk-ant-admin"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("ANTHROPIC_ADMIN_KEY=sk-ant-", "admin01-", Sample.Token("", 93, Sample.Base64Url), "AA")],
        FalsePositives = ["sk-ant-admin01-short", Sample.Join("sk-ant-", "admin01-", new string('x', 93), "AA")],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-ant-admin0[0-9]-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
