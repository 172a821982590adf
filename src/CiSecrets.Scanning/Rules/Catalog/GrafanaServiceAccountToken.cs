using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Grafana service account tokens, which start with glsa_ and go on with 32 letters and digits, an underscore and an 8-hex checksum.</summary>
internal static partial class GrafanaServiceAccountToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "grafana-service-account-token",
        Description = "Grafana service account token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["glsa_"],
        MinEntropy = 3,
        TruePositives = [Sample.Join("GRAFANA_TOKEN=glsa_", Sample.Token("", 32, Sample.AlphaNumeric), "_", Sample.Token("", 8, Sample.Hex))],
        FalsePositives = ["glsa_short_0000", Sample.Join("glsa_", new string((char)120, 32), "_00000000")],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
