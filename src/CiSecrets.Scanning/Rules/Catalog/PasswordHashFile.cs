using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Password hashes in htpasswd files and shadow-style files (<c>user:$apr1$...</c>,
/// <c>user:$2y$...</c>, <c>user:{SHA}...</c>, <c>user:$6$...:...</c>): crackable offline.
/// </summary>
internal static partial class PasswordHashFile
{
    public static Rule Rule { get; } = new()
    {
        Id = "password-hash-file",
        Description = "Password hash in an htpasswd or shadow file",
        Locator = new RegexLocator(Pattern()),
        PathPattern = HashFile(),
        TruePositives =
        [
            new($"admin:{PasswordHashes.Sample("$apr1$Zx8Qp1aB$", 22)}\n", ".htpasswd"),
            new($"deploy:{PasswordHashes.Sample("$2y$10$", 53, 1)}\n", "conf/htpasswd"),
            new($"root:{PasswordHashes.Sample("$6$Qw3rTy12$", 86, 2)}:19700:0:99999:7:::\n", "etc/shadow"),
            new($"jane:{{SHA}}{Sample.Token("", 27, Sample.Base64, 3)}=\n", "nginx/.htpasswd"),
        ],
        FalsePositives =
        [
            new("root:*:19700:0:99999:7:::\ndaemon:!:19700::::::\n", "etc/shadow"),
            new("# htpasswd -c .htpasswd admin\n", ".htpasswd"),
            new($"admin:{PasswordHashes.Sample("$apr1$Zx8Qp1aB$", 22)}\n", "docs/htpasswd.md"),
        ],
    };

    [GeneratedRegex(@"(?m)^[^\s:#]{1,64}:(?<secret>" + PasswordHashes.Pattern + @")(?=:|\s|$)")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)(?:\.htpasswd(?:[._-][^/.]*)?|htpasswd(?:\.(?:txt|conf|users))?|shadow-?|gshadow-?|[^/]+\.htpasswd)$")]
    private static partial Regex HashFile();
}
