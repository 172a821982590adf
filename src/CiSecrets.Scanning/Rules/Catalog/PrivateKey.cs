using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Private key blocks: PEM (RSA, EC, DSA, PKCS#8, encrypted PKCS#8), OpenSSH and PGP, also
/// when embedded in JSON with escaped newlines. The body must be real key material, not a
/// placeholder of dots, stars or a few characters.
/// </summary>
internal static partial class PrivateKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "private-key",
        Description = "Private key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["-----begin"],
        WindowAfter = 16384,
        Validator = HasKeyMaterial,
        TruePositives =
        [
            Sample.Pem("RSA PRIVATE KEY"),
            Sample.Pem("EC PRIVATE KEY", 3, 1),
            Sample.Pem("PRIVATE KEY", 10, 2),
            Sample.Pem("OPENSSH PRIVATE KEY", 6, 3),
            Sample.Pem("PGP PRIVATE KEY BLOCK", 12, 4),
            Sample.Pem("DSA PRIVATE KEY", 8, 5),
            Sample.Pem("ENCRYPTED PRIVATE KEY", 8, 6),
            $"{{\"private_key\": \"{Sample.Pem("PRIVATE KEY", 10, 7).Replace("\n", "\\n", StringComparison.Ordinal)}\"}}",
        ],
        FalsePositives =
        [
            "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
            $"-----BEGIN PRIVATE KEY-----\n{new string('*', 64)}\n-----END PRIVATE KEY-----",
            Sample.Pem("PUBLIC KEY"),
            Sample.Pem("CERTIFICATE"),
        ],
    };

    private static bool HasKeyMaterial(string block)
    {
        var body = Header().Replace(block, "");
        var material = body.Count(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');
        return material >= 64 && Detection.ShannonEntropy.Of(body) > 4;
    }

    [GeneratedRegex(@"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,16384}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"-----(?:BEGIN|END)[^-]*-----|\\n|[A-Za-z-]+: [^\n\\]*")]
    private static partial Regex Header();
}
