using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Credentials embedded in a web or file-transfer URL (<c>https://user:token@host</c>, ftp, sftp,
/// ssh, git, svn). The password is the secret, except for GitHub's <c>TOKEN:x-oauth-basic@</c>
/// form where the user part is the token.
/// </summary>
internal static partial class UrlCredentials
{
    public static Rule Rule { get; } = new()
    {
        Id = "url-credentials",
        Description = "Credentials embedded in a URL",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["://"],
        Validator = CredentialValues.IsLiteralPassword,
        TruePositives =
        [
            Sample.Join("const API = \"https://apiuser:", "r3alP4", "ssw0rd@api.example.com/v2\";"),
            Sample.Join("ftps://deploy:", "s3cur3", "K3y2024@files.example.com/uploads"),
            Sample.Join("git clone https://ci:", Sample.Token("", 40, Sample.AlphaNumeric), "@git.example.com/team/repo.git"),
            Sample.Join("\"dep\": \"git+https://", Sample.Token("", 40, Sample.Hex), ":x-oauth-basic@github.com/o/r.git\""),
            Sample.Join("[docs](http://svc:", "Mon1t0r!ng", "@metrics.example.com)"),
            Sample.Join("git remote add origin https://:", Sample.Token("", 40, Sample.AlphaNumeric, 1), "@git.example.com/team/repo.git"),
            Sample.Join("https://deploy:", "Pa%24%24w0rd", "4u@files.example.com/"),
        ],
        FalsePositives =
        [
            "https://${username}:${password}@api.example.com/v1",
            "https://{{user}}:{{pass}}@config.example.com",
            "https://{USER}:{PASS}@template.example.com",
            "https://username:password@example.com/api",
            "https://username:mypassword@test.com/endpoint",
            "https://YOUR_USERNAME:YOUR_PASSWORD@api.service.com",
            "https://username:REPLACE_WITH_PASSWORD@example.org",
            "https://user:abc@api.com/v1",
            "https://user:1111@service.com/api",
            "https://testuser:xxxx@demo.com",
            "https://user:pass@example.com",
            "https://example.com:8443/path?a=b@c",
            "mailto:someone@example.com",
            " *    // http://tobi:hello@example.com",
            "assert.equal(parse('http://a%20b:c%20d@host/').auth, 'a b:c d')",
            "new URL('http://user:pass%20pass@example.org/')",
        ],
    };

    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9.-])(?:https?|ftps?|sftp|ssh|git|svn(?:\+ssh)?|smb|ldaps?|davs?|webdavs?)://(?:(?<secret>[A-Za-z0-9_]{20,255}):x-oauth-basic@|" + CredentialValues.UserInfoPattern + ")")]
    private static partial Regex Pattern();
}
