using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// The private key of a Google service-account key file ("type": "service_account"). It is
/// reported as the same span the private-key rule would report, so the two never double up,
/// and it also catches keys whose PEM armour was mangled in copying.
/// </summary>
internal static partial class GcpServiceAccount
{
    public static Rule Rule { get; } = new()
    {
        Id = "gcp-service-account",
        Description = "Google Cloud service account key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["service_account"],
        WindowBefore = 8192,
        WindowAfter = 16384,
        Validator = HasKeyMaterial,
        TruePositives =
        [
            new(ServiceAccountJson(Sample.Pem("PRIVATE KEY", 12, 9)), "deploy/sa.json"),
            new(ServiceAccountJson(Sample.Pem("PRIVATE KEY", 12, 10).Replace("END PRIVATE KEY-----", "END PRIVATE KEY----", StringComparison.Ordinal)), "key.json"),
        ],
        FalsePositives =
        [
            new(ServiceAccountJson("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"), "sa.json"),
            new("{\"type\": \"service_account\", \"private_key_id\": \"DUMMY\", \"private_key\": \"DUMMY\"}", "sa.json"),
        ],
    };

    private static string ServiceAccountJson(string pem) =>
        $"{{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo\",\n  \"private_key\": \"{pem.Replace("\n", "\\n", StringComparison.Ordinal)}\",\n  \"client_email\": \"svc@demo.iam.gserviceaccount.com\"\n}}\n";

    private static bool HasKeyMaterial(string key)
    {
        var material = key.Count(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');
        return material >= 128 && Detection.ShannonEntropy.Of(key) > 4;
    }

    // The key body as JSON escapes it; the end marker is optional so a mangled "-----END PRIVATE KEY----" still counts.
    [GeneratedRegex("""
        "private_key"\s*:\s*"(?<secret>-----BEGIN PRIVATE KEY-----(?:\\n|\\r|[A-Za-z0-9+/= ]){64,16384}(?:-----END PRIVATE KEY-----)?)
        """)]
    private static partial Regex Pattern();
}
