using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// A password embedded in a database or message-broker URL (<c>postgres://user:password@host</c>,
/// MySQL, MongoDB, Redis, AMQP, SQL Server, JDBC). The password is the secret; placeholders,
/// references and a password equal to the user name (local defaults) are not reported.
/// </summary>
internal static partial class DatabaseConnectionString
{
    public static Rule Rule { get; } = new()
    {
        Id = "database-connection-string",
        Description = "Password in a database connection URL",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "jdbc:", "clickhouse", "cockroachdb", "couchdb", "neo4j", "oracle"],
        Validator = CredentialValues.IsLiteralPassword,
        TruePositives =
        [
            Sample.Join("DATABASE_URL=postgres://app:", "Zq8sV2pLm4", "@db.internal:5432/app"),
            Sample.Join("\"mongodb+srv://svc:", "my", "R3al", "P@ss@cluster0.example.net/db?retryWrites=true\""),
            Sample.Join("spring.datasource.url=jdbc:mysql://admin:", "str0ng", "Pass@db:3306/app"),
            Sample.Join("REDIS_URL=rediss://default:", Sample.Token("", 32, Sample.AlphaNumeric), "@cache:6380/0"),
            Sample.Join("amqps://guest2:", "B7x", "Qp2a@mq.example.com/vhost"),
            Sample.Join("sqlserver://sa:", "Yuk0n", "!2024@localhost:1433"),
        ],
        FalsePositives =
        [
            "postgres://user:password@localhost/mydb",
            "mysql://user:${PASSWORD}@example.com:3306/db",
            "postgresql://{username}:{password}@{{host}}:5432/{database}",
            "mongodb://localhost:27017/database",
            "mongodb://YOUR_USERNAME:YOUR_PASSWORD@cluster.mongodb.net/test",
            "postgres://postgres:postgres@localhost:5432/database",
            "DB_URL = postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST)/$(PGDATABASE)",
            "redis://:****@cache:6379",
            "amqp://guest:<password>@mq:5672",
            "mysql://admin:pass@localhost/db",
        ],
    };

    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql(?:x)?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdb|neo4j(?:\+s)?|oracle|jdbc:[a-z0-9]{2,20}(?::[a-z0-9]{2,20})?)://" + CredentialValues.UserInfoPattern)]
    private static partial Regex Pattern();
}
