using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Passwords in PostgreSQL password files, <c>host:port:database:user:password</c> per line (https://www.postgresql.org/docs/current/libpq-pgpass.html).</summary>
internal static partial class PgpassPassword
{
    public static Rule Rule { get; } = new()
    {
        Id = "pgpass-password",
        Description = "Password in a .pgpass file",
        Locator = new RegexLocator(Pattern()),
        PathPattern = PgpassPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("# hostname:port:database:username:password\ndb.internal:5432:app:app:", "Zq8sV2pLm4", "\n"), ".pgpass"),
            new(Sample.Join("*:*:*:postgres:", Sample.Token("", 24, Sample.AlphaNumeric), "\n"), "home/ci/pgpass"),
        ],
        FalsePositives =
        [
            new("# hostname:port:database:username:password\n", ".pgpass"),
            new("localhost:5432:app:app:${PGPASSWORD}\n", ".pgpass"),
        ],
    };

    // A backslash escapes ':' inside fields.
    [GeneratedRegex(@"(?m)^(?!#)(?:(?:[^:\r\n\\]|\\.){1,256}:){4}(?<secret>[^\r\n]{1,256}?)[ \t]*\r?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)\.?pgpass(?:\.conf)?$")]
    private static partial Regex PgpassPath();
}
