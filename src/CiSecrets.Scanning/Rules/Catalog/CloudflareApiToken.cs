using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Cloudflare account (cfat_) and user (cfut_) API tokens and global API keys (cfk_): 40 letters and digits and an 8-hex checksum.</summary>
internal static partial class CloudflareApiToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "cloudflare-api-token",
        Description = "Cloudflare API token or key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["cfat_", "cfut_", "cfk_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("CLOUDFLARE_API_TOKEN=cfat_", Sample.Token("", 40, Sample.AlphaNumeric), Sample.Token("", 8, Sample.Hex))],
        FalsePositives = ["cfat_tooshort", Sample.Join("xcfat_", Sample.Token("", 40, Sample.AlphaNumeric), Sample.Token("", 8, Sample.Hex)), Sample.Join("cfat_", Sample.Token("", 40, Sample.AlphaNumeric), Sample.Token("", 8, Sample.Hex), "Z")],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:cfat|cfut|cfk)_[A-Za-z0-9]{40}[a-f0-9]{8})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
