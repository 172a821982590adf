namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Password hash formats an attacker can crack offline, shared by the rules for files that
/// store them (htpasswd, shadow, SQL dumps): bcrypt, md5crypt/apr1, sha256crypt, sha512crypt,
/// yescrypt, Django pbkdf2, phpass, argon2 and the LDAP {SHA}/{SSHA} forms.
/// </summary>
public static class PasswordHashes
{
    /// <summary>A regex fragment for one password hash, without a capture group.</summary>
    public const string Pattern =
        @"(?:\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}"
        + @"|\$(?:1|apr1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}"
        + @"|\$5\$(?:rounds=[0-9]{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43}"
        + @"|\$6\$(?:rounds=[0-9]{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}"
        + @"|\$y\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}"
        + @"|\$argon2(?:id|i|d)\$v=[0-9]{1,3}\$m=[0-9]{1,9},t=[0-9]{1,9},p=[0-9]{1,3}\$[A-Za-z0-9+/]{8,64}\$[A-Za-z0-9+/]{16,128}"
        + @"|pbkdf2_sha(?:1|256)\$[0-9]{1,9}\$[A-Za-z0-9./+]{1,64}\$[A-Za-z0-9+/]{27,64}={0,2}"
        + @"|\$[PH]\$[./A-Za-z0-9]{31}"
        + @"|\{S?SHA(?:256|512)?\}[A-Za-z0-9+/]{27,120}={0,2})";

    /// <summary>Lower-case markers of which every hash above contains one.</summary>
    public static IReadOnlyList<string> Keywords { get; } =
        ["$2a$", "$2b$", "$2x$", "$2y$", "$2$", "$1$", "$apr1$", "$5$", "$6$", "$y$", "$argon2", "pbkdf2_sha", "$p$", "$h$", "{sha", "{ssha"];

    /// <summary>Builds a sample hash of the given scheme prefix, random after it.</summary>
    public static string Sample(string prefix, int length, int variant = 0) =>
        Rules.Sample.Token(prefix, length, Rules.Sample.AlphaNumeric + "./", variant);
}
