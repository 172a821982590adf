using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Google Cloud / Firebase API keys (https://cloud.google.com/docs/authentication/api-keys).</summary>
internal static partial class GcpApiKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "gcp-api-key",
        Description = "Google API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["aiza"],
        MinEntropy = 3.5,
        TruePositives =
        [
            $"GOOGLE_API_KEY={Sample.Token("AIza", 35, Sample.Base64Url)}",
            $"\"apiKey\": \"{Sample.Token("AIzaSy", 33, Sample.Base64Url, 1)}\"",
        ],
        FalsePositives = ["AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "AIza_short", $"{Sample.Token("AIza", 20, Sample.Base64Url)}"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
