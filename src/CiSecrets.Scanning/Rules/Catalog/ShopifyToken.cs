using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Shopify app shared secrets (shpss_) and access tokens: public (shpat_), custom (shpca_) and legacy private (shppa_) apps.</summary>
internal static partial class ShopifyToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "shopify-token",
        Description = "Shopify access token or shared secret",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["shpss_", "shpat_", "shpca_", "shppa_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("SHOPIFY_ACCESS_TOKEN=shpat_", Sample.Token("", 32, Sample.Hex)), Sample.Join("shpss_", Sample.Token("", 32, Sample.AlphaNumeric, 1))],
        FalsePositives = ["shpssSSSSS_SSSS_sssss is not api key", Sample.Join("shpat_", new string((char)48, 32))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,64})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
