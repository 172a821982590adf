using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// A quoted literal assigned to a secret-like name, in any language or format: code
/// (<c>password = "x"</c>, <c>"password" =&gt; 'x'</c>), JSON, YAML, TOML, XML attributes.
/// Short and weak values count (a database password of <c>admin</c> is exactly the leak that matters);
/// placeholders and references do not.
/// </summary>
internal static partial class GenericSecret
{
    public static Rule Rule { get; } = new()
    {
        Id = "generic-secret",
        Description = "Secret literal assigned to a secret-like name",
        Locator = new AssignmentLocator(Pattern()),
        Keywords = SecretNames.Keywords,
        IsGeneric = true,
        Severity = Severity.Error,
        TruePositives =
        [
            Sample.Join("DB_PASS", "WORD = 'admin'"),
            Sample.Join("{\"pass", "word\": \"hunter2hunter2\"}"),
            Sample.Join("$db_pass", "word = \"s3cr3t!\";"),
            Sample.Join("client_sec", "ret: \"", Sample.Token("", 24, Sample.AlphaNumeric), "\""),
            Sample.Join("<add key=\"x\" pass", "word=\"Winter2024!\" />"),
            Sample.Join("var apiKey = \"", Sample.Token("", 32, Sample.Hex), "\";"),
            Sample.Join("'pass", "word' => 'letmein',"),
            Sample.Join("api_tok", "en = \"", Sample.Token("", 40, Sample.AlphaNumeric, 1), "\""),
            Sample.Join("my %conf = (pass", "word => 'letmein2024');"),
            Sample.Join("$config['db_pass", "word'] = 'Summer2024';"),

            // Near the values judged not to be credentials (GenericValueJudgment), still credentials.
            Sample.Join("OTP_SEC", "RET = \"", Sample.Token("", 32, Sample.Base32, 2), "\""),
            Sample.Join("sec", "ret: 'correct horse 42 staple'"),
            Sample.Join("{\"pass", "word\": \"739182\"}"),
            Sample.Join("pass", "word = \"cdx-Wq7$e\""),
            Sample.Join("sec", "ret = \"", Sample.Token("/", 39, Sample.Base64, 2), "\""),
            Sample.Join("pass", "word: 'foobar!2024'"),
        ],
        FalsePositives =
        [
            Sample.Join("pass", "word = \"change_me_in_production\""),
            Sample.Join("pass", "word: \"<CHANGE_ME>\""),
            Sample.Join("api_key = \"your-api-", "key-here\""),
            Sample.Join("pass", "word = \"${DB_PASSWORD}\""),
            Sample.Join("tok", "en: \"{{ .Values.token }}\""),
            Sample.Join("pass", "word = \"\""),
            Sample.Join("pass", "word_file = \"/run/secrets/db\""),
            Sample.Join("token_url = \"https://example.com/oauth/token\""),
            Sample.Join("sec", "ret: \"ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\""),
            Sample.Join("public_key = \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", "example\""),
            Sample.Join("api_key_id = \"12345678\""),
            Sample.Join("tok", "en = \"xxxxxxxxxxxxxxxx\""),
            Sample.Join("pass", "word = os.environ[\"DB_PASSWORD\"]"),
            Sample.Join("var tok", "en = \"ghs_\" + Guid.NewGuid().ToString(\"N\");"),
            Sample.Join("var word = n == 1 ? \"sec", "ret\" : \"secrets\";"),
            Sample.Join("Status.MissingSec", "ret => \"cluster/missing\","),
            Sample.Join("\"cluster/missing-sec", "ret\" => \"A required Secret does not exist\","),
            Sample.Join("Figma tok", "ens: \"figd_\" and 40 characters"),
            Sample.Join("Tok", "en = \"test-token-not-a-", "secret\","),

            // Values that are not credentials whatever they are assigned to (GenericValueJudgment).
            Sample.Join("{\"tok", "en\": \"WITHSCORES\", \"type\": \"pure-token\"}"),
            Sample.Join("app.use(session({ sec", "ret: 'keyboard cat' }));"),
            Sample.Join("{\"sec", "ret\": \"NO SECRET :(\"}"),
            Sample.Join("{\"pass", "word\": \"123\"}"),
            Sample.Join("hash({ pass", "word: 'foobar' }, done);"),
            Sample.Join("ac_pwd='cd \"$srcdir\" && pwd'; pass", "wd = \"cd \\\"$ac_pwd\\\" && pwd\""),
            Sample.Join("const API_TOK", "EN_ALPHABET_BASE62 = \"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\";"),
            Sample.Join("GITHUB_TOK", "EN = \"^gh[pousr]_[A-Za-z0-9]{36}$\""),
            Sample.Join("{\"sec", "ret\": \"2026-09-01T00:00:00Z\"}"),
            Sample.Join("sec", "ret = \"./keys/signing.pem\""),
            Sample.Join("{\"sec", "ret\": \"user.session.secret\"}"),
            Sample.Join("res.set({ Accept: 'text/plain', 'X-API-K", "ey': 'tobi' });"),
            Sample.Join("app.use(flash({ sec", "ret: \"connect-flash\" }));"),
            Sample.Join("\"pbkdf2-pass", "word\": \"^1.2.1\","),
            Sample.Join("{\"tok", "en\": \"SHARD-CHANNEL\"}, {\"tok", "en\": \"AUTH2\"}, {\"tok", "en\": \"\\\"\\\"\"}"),
        ],
    };

    [GeneratedRegex(@"(?i)(?<![A-Za-z0-9_])" + SecretNames.NamePattern + @"(?:[""'`]\]?|\])?[ \t]*(?::=|=>|=|:|\?\?=|\|\|=)[ \t]*[@rbuf]?(?<q>[""'`])(?<secret>(?:(?!\k<q>)[^\r\n\\]|\\[^\r\n]){1,256}?)\k<q>")]
    private static partial Regex Pattern();
}
