using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Saved passwords in FileZilla's sitemanager.xml / recentservers.xml: <c>&lt;Pass encoding="base64"&gt;</c>
/// is only base64, not encryption.
/// </summary>
internal static partial class FileZillaPassword
{
    public static Rule Rule { get; } = new()
    {
        Id = "filezilla-password",
        Description = "Saved FileZilla password",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["<pass"],
        PathPattern = FileZillaPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("<Server>\n  <Host>ftp.example.com</Host>\n  <User>deploy</User>\n  <Pass encoding=\"base64\">", Convert.ToBase64String("Tr0ub4dor&3"u8), "</Pass>\n</Server>\n"), "FileZilla/sitemanager.xml"),
            new(Sample.Join("<Pass>", "Winter2024!", "</Pass>"), "recentservers.xml"),
        ],
        FalsePositives =
        [
            new("<Server><Host>ftp.example.com</Host><Logontype>2</Logontype></Server>", "sitemanager.xml"),
            new("<Pass encoding=\"crypt\" pubkey=\"x\"></Pass>", "sitemanager.xml"),
        ],
    };

    [GeneratedRegex(@"<Pass(?:\s[^<>]{0,256})?>(?<secret>[^<>\s][^<>]{0,1023})</Pass>")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?i)(?:^|/)(?:sitemanager|recentservers|filezilla)\.xml$")]
    private static partial Regex FileZillaPath();
}
