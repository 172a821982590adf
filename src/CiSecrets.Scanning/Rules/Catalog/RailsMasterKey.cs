using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Rails master keys (config/master.key, config/credentials/*.key): 32 hex characters that
/// decrypt config/credentials.yml.enc (https://guides.rubyonrails.org/security.html#custom-credentials).
/// </summary>
internal static partial class RailsMasterKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "rails-master-key",
        Description = "Rails master key",
        Locator = new RegexLocator(Pattern()),
        PathPattern = KeyPath(),
        MinEntropy = 3,
        TruePositives =
        [
            new(Sample.Token("", 32, Sample.Hex), "config/master.key"),
            new($"{Sample.Token("", 32, Sample.Hex, 1)}\n", "app/config/credentials/production.key"),
        ],
        FalsePositives =
        [
            new(new string('0', 32), "config/master.key"),
            new(Sample.Token("", 32, Sample.Hex), "config/other.key"),
        ],
    };

    [GeneratedRegex(@"\A\s*(?<secret>[0-9a-f]{32})\s*\z")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)config/(?:master\.key|credentials/[^/]+\.key)$")]
    private static partial Regex KeyPath();
}
