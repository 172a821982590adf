using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// An unquoted value assigned to a secret-like name in a configuration format, where unquoted
/// means literal: dotenv, YAML, INI, properties, shell, Dockerfile <c>ENV</c>. (In code an
/// unquoted right-hand side is an expression, so the quoted rule covers code.)
/// </summary>
internal static partial class GenericSecretInConfig
{
    public static Rule Rule { get; } = new()
    {
        Id = "generic-secret-config",
        Description = "Secret value assigned to a secret-like name in a configuration file",
        Locator = new AssignmentLocator(Pattern()),
        Keywords = SecretNames.Keywords,
        PathPattern = ConfigPath(),
        IsGeneric = true,
        TruePositives =
        [
            new(Sample.Join("DB_PASS", "WORD=admin"), ".env"),
            new(Sample.Join("database:\n  pass", "word: Tr0ub4dor&3\n"), "config/app.yaml"),
            new(Sample.Join("[db]\npass", "word = hunter2\n"), "settings.ini"),
            new(Sample.Join("export API_TOK", "EN=", Sample.Token("", 32, Sample.AlphaNumeric)), "deploy.sh"),
            new(Sample.Join("spring.datasource.pass", "word=s3cret"), "application.properties"),
            new(Sample.Join("DB_PASS", "WORD: 2026-09-01-Sunny!"), "rotations.yaml"),
            new(Sample.Join("DB_PASS", "WORD: writer2024"), "config.yaml"),
            new(Sample.Join("REDIS_PASS", "WORD=NOPASS7Q2ZK4M"), "bench.sh"),
        ],
        FalsePositives =
        [
            new(Sample.Join("DB_PASS", "WORD="), ".env"),
            new(Sample.Join("DB_PASS", "WORD=${VAULT_DB_PASSWORD}"), ".env"),
            new(Sample.Join("pass", "word: !vault |\n  $ANSIBLE_VAULT;1.1;AES256"), "vars.yml"),
            new(Sample.Join("pass", "word: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]"), "secrets.enc.yaml"),
            new(Sample.Join("pass", "wordMinLength: 12"), "config.yaml"),
            new(Sample.Join("DB_PASS", "WORD=admin"), "src/app.py"),
            new(Sample.Join("pass", "word: changeme"), "values.yaml"),
            new(Sample.Join("secretName: db-creds"), "deploy.yaml"),
            new(Sample.Join("DB_PASS", "WORD: 2026-09-01T00:00:00Z"), "rotations.yaml"),
            new(Sample.Join("permissions:\n  contents: read\n  id-tok", "en: write\n"), ".github/workflows/ci.yml"),
            new(Sample.Join("SESSION_SEC", "RET=foobar"), ".env.example"),
            new(Sample.Join("[server]\npass", "word = 42"), "settings.ini"),
            new(Sample.Join("pass", "word=nopass\n"), "bench.sh"),
        ],
    };

    [GeneratedRegex(@"(?im)^[ \t]*(?:export[ \t]+|ENV[ \t]+|-[ \t]+|set[ \t]+)?" + SecretNames.NamePattern + @"[ \t]*(?:=|:(?=[ \t]))[ \t]*(?<secret>[^\s""'`#;,{}\[\]|>&*!][^\s#;,]{0,255})[ \t]*(?:[#;].*)?\r?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?i)(?:\.(?:env|ya?ml|ini|cfg|conf|config|properties|toml|sh|bash|zsh|envrc|tfvars)$|(?:^|/)\.env(?:\.[^/]*)?$|(?:^|/)(?:Dockerfile[^/]*|docker-compose[^/]*|\.envrc|\.npmrc|\.pypirc)$)")]
    private static partial Regex ConfigPath();
}
