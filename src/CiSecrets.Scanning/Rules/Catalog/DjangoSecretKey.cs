using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Django's SECRET_KEY in a settings module: it signs sessions and password-reset tokens
/// (https://docs.djangoproject.com/en/stable/ref/settings/#secret-key). The generated
/// "django-insecure-" default counts: it is insecure precisely because it is committed.
/// </summary>
internal static partial class DjangoSecretKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "django-secret-key",
        Description = "Django SECRET_KEY",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["secret_key"],
        PathPattern = SettingsPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("SECRET", "_KEY = 'django-insecure-", Sample.Token("", 50, Sample.Lower + Sample.Digits + "!@#$%^&*(-_=+)"), "'\n"), "mysite/settings.py"),
            new(Sample.Join("SECRET", "_KEY = \"", Sample.Token("", 50, Sample.AlphaNumeric, 1), "\"\n"), "config/settings/production.py"),
        ],
        FalsePositives =
        [
            new(Sample.Join("SECRET", "_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\n"), "mysite/settings.py"),
            new(Sample.Join("SECRET", "_KEY = env(\"SECRET_KEY\")\n"), "mysite/settings.py"),
            new(Sample.Join("SECRET", "_KEY = 'change-me'\n"), "mysite/settings.py"),
        ],
    };

    [GeneratedRegex(@"(?m)^[ \t]*SECRET_KEY[ \t]*=[ \t]*[rbuf]?(?<q>['""])(?<secret>[^'""\r\n]{8,256})\k<q>")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)settings[^/]*\.py$|(?:^|/)settings/[^/]+\.py$")]
    private static partial Regex SettingsPath();
}
