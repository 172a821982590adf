using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Saved session passwords in WinSCP.ini (obfuscated, not encrypted: they decode without a key).</summary>
internal static partial class WinScpPassword
{
    public static Rule Rule { get; } = new()
    {
        Id = "winscp-password",
        Description = "Saved WinSCP session password",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["password"],
        PathPattern = WinScpPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("[Sessions\\deploy@example.com]\nHostName=example.com\nUserName=deploy\nPass", "word=", Sample.Token("A35C", 60, Sample.Hex.ToUpperInvariant()), "\n"), "WinSCP.ini"),
        ],
        FalsePositives =
        [
            new("[Sessions\\deploy@example.com]\nHostName=example.com\nPasswordless=1\n", "WinSCP.ini"),
        ],
    };

    [GeneratedRegex(@"(?im)^[ \t]*(?:Password|ProxyPassword|TunnelPassword)=(?<secret>[^\r\n]{1,1024})")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?i)(?:^|/)winscp[^/]*\.ini$")]
    private static partial Regex WinScpPath();
}
