using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Password hashes in SQL dumps (<c>INSERT INTO users VALUES (..., '$2b$12$...')</c>, COPY rows):
/// a committed dump of a users table hands every account's hash to whoever reads the repository.
/// </summary>
internal static partial class SqlDumpPasswordHash
{
    public static Rule Rule { get; } = new()
    {
        Id = "sql-dump-password-hash",
        Description = "Password hash in a SQL dump",
        Locator = new RegexLocator(Pattern()),
        Keywords = PasswordHashes.Keywords,
        PathPattern = SqlPath(),
        TruePositives =
        [
            new($"INSERT INTO `users` VALUES (1,'alice','{PasswordHashes.Sample("$2b$12$", 53)}'),(2,'bob','{PasswordHashes.Sample("$2y$10$", 53, 1)}');\n", "backup/dump.sql"),
            new($"INSERT INTO auth_user (id, username, password) VALUES (1, 'admin', 'pbkdf2_sha256$600000${Sample.Token("", 22, Sample.AlphaNumeric)}${Sample.Token("", 43, Sample.Base64, 1)}=');\n", "db/seed.sql"),
            new($"INSERT INTO wp_users VALUES (1,'admin','{PasswordHashes.Sample("$P$B", 30, 2)}');\n", "wp.sql"),
            new($"1\tcarol\t{PasswordHashes.Sample("$6$saltsalt$", 86, 3)}\n", "pg_dump.sql"),
        ],
        FalsePositives =
        [
            new("INSERT INTO users VALUES (1,'alice','$2b$12$...');\n", "dump.sql"),
            new($"INSERT INTO users VALUES (1,'alice','{PasswordHashes.Sample("$2b$12$", 53)}');\n", "notes.txt"),
            new("CREATE TABLE users (id int, password_hash varchar(60));\n", "schema.sql"),
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9$./])(?<secret>" + PasswordHashes.Pattern + @")(?![A-Za-z0-9./+])")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?i)\.sql(?:\.txt)?$")]
    private static partial Regex SqlPath();
}
