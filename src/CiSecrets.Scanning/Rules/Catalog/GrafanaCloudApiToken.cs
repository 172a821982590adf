using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Grafana Cloud API and access-policy tokens, which start with glc_ and go on in base64.</summary>
internal static partial class GrafanaCloudApiToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "grafana-cloud-api-token",
        Description = "Grafana Cloud API token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["glc_"],
        MinEntropy = 3,
        TruePositives = [Sample.Join("GRAFANA_CLOUD_TOKEN=glc_", Sample.Token("", 80, Sample.Base64))],
        FalsePositives = ["glc_short", Sample.Join("xglc_", Sample.Token("", 80, Sample.Base64))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=_])")]
    private static partial Regex Pattern();
}
