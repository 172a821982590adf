using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>HashiCorp Vault service tokens (hvs.), https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes.</summary>
internal static partial class VaultServiceToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "vault-service-token",
        Description = "HashiCorp Vault service token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["hvs."],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("VAULT_TOKEN=hvs.", Sample.Token("", 95, Sample.Base64Url))],
        FalsePositives = ["hvs.abc", Sample.Join("xhvs.", Sample.Token("", 95, Sample.Base64Url))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>hvs\.[A-Za-z0-9_-]{90,200})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
