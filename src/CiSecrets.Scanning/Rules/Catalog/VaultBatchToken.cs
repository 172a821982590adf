using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>HashiCorp Vault batch tokens (hvb.), https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes.</summary>
internal static partial class VaultBatchToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "vault-batch-token",
        Description = "HashiCorp Vault batch token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["hvb."],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("VAULT_BATCH_TOKEN=hvb.", Sample.Token("", 150, Sample.Base64Url))],
        FalsePositives = ["hvb.tooshortxxx", Sample.Join("xhvb.", Sample.Token("", 150, Sample.Base64Url))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>hvb\.[A-Za-z0-9_-]{138,300})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
