using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>age X25519 identities (https://age-encryption.org/v1): the bech32 secret key, never the age1 recipient.</summary>
internal static partial class AgeSecretKey
{
    public const string Bech32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

    public static Rule Rule { get; } = new()
    {
        Id = "age-secret-key",
        Description = "age secret key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["age-secret-key-1"],
        MinEntropy = 3,
        TruePositives =
        [
            $"# created: 2024-01-01\n# public key: age1example\n{Sample.Token("AGE-SECRET" + "-KEY-1", 58, Bech32)}\n",
            $"SOPS_AGE_KEY={Sample.Token("AGE-SECRET" + "-KEY-1", 58, Bech32, 1)}",
        ],
        FalsePositives =
        [
            $"recipient: {Sample.Token("age1", 58, Bech32.ToLowerInvariant())}",
            "AGE-SECRET" + "-KEY-1" + new string('X', 58),
            "AGE-SECRET-KEY-1...",
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
