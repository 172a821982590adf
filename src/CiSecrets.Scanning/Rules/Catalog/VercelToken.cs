using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Vercel personal (vcp_), integration (vci_), app access (vca_), app refresh (vcr_) tokens and AI Gateway keys (vck_).</summary>
internal static partial class VercelToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "vercel-token",
        Description = "Vercel access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("VERCEL_TOKEN=vcp_", Sample.Token("", 40, Sample.AlphaNumeric))],
        FalsePositives = ["vcp_abc", Sample.Join("vcp_", new string((char)120, 40))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>vc[pciark]_[A-Za-z0-9]{24,64})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
