using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// WordPress authentication keys and salts and the database password in wp-config.php
/// (https://developer.wordpress.org/apis/wp-config-php/#security-keys).
/// </summary>
internal static partial class WordPressConfigSecret
{
    public static Rule Rule { get; } = new()
    {
        Id = "wordpress-config-secret",
        Description = "WordPress key, salt or database password in wp-config.php",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["define"],
        PathPattern = WpConfigPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("define( 'AUTH", "_KEY', '", Sample.Token("", 64, Sample.AlphaNumeric + "!@#%^&*()-_[]{}<>~+=,.;:/?|"), "' );\n"), "wp-config.php"),
            new(Sample.Join("define('DB_PASS", "WORD', 'Wp", "Db2024!');\n"), "public/wp-config-production.php"),
            new(Sample.Join("define(\"NONCE", "_SALT\", \"", Sample.Token("", 64, Sample.AlphaNumeric, 1), "\");\n"), "wp-config.php"),
        ],
        FalsePositives =
        [
            new(Sample.Join("define( 'AUTH", "_KEY', 'put your unique phrase here' );\n"), "wp-config-sample.php"),
            new(Sample.Join("define( 'DB_PASS", "WORD', getenv('WORDPRESS_DB_PASSWORD') );\n"), "wp-config.php"),
            new(Sample.Join("define( 'DB_PASS", "WORD', '' );\n"), "wp-config.php"),
        ],
    };

    [GeneratedRegex(@"define\(\s*['""](?:AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY|AUTH_SALT|SECURE_AUTH_SALT|LOGGED_IN_SALT|NONCE_SALT|DB_PASSWORD)['""]\s*,\s*(?<q>['""])(?<secret>(?:(?!\k<q>)[^\r\n\\]|\\.){1,256})\k<q>")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)wp-config[^/]*\.php$")]
    private static partial Regex WpConfigPath();
}
