namespace CiSecrets.Gates.Checks;

/// <summary>
/// Values that are not secrets: placeholders and defaults left in place, and passwords from public
/// breach lists (the head of the well-known top-password lists). Compared without case.
/// </summary>
internal static class WeakValues
{
    private static readonly HashSet<string> Common = new(
    [
        "password", "passw0rd", "p@ssw0rd", "p@ssword", "password1", "password12", "password123", "password1234",
        "admin", "admin1", "admin123", "admin1234", "administrator", "root", "toor", "changeme", "change_me",
        "changeit", "default", "secret", "secret123", "letmein", "welcome", "welcome1", "qwerty", "qwerty123",
        "qwertyuiop", "123456", "1234567", "12345678", "123456789", "1234567890", "12345", "1234", "111111",
        "000000", "abc123", "iloveyou", "monkey", "dragon", "football", "baseball", "master", "shadow", "sunshine",
        "princess", "trustno1", "superman", "batman", "starwars", "guest", "test", "test123", "testing", "demo",
        "user", "postgres", "mysql", "redis", "grafana", "prom-operator", "rabbitmq", "guest123", "pass", "pass123",
        "temp", "temp123", "example", "sample", "dummy", "none", "null", "empty", "todo", "tbd", "fixme", "xxx",
        "xxxxxx", "xxxxxxxx", "asdf", "asdfgh", "zaq12wsx", "1q2w3e4r", "1qaz2wsx", "qazwsx", "michael", "jennifer",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Fragments that mark a value as a stand-in for the real one, wherever they appear in it.</summary>
    private static readonly string[] PlaceholderFragments =
    [
        "change_me", "changeme", "change-me", "changethis", "change_this", "replace_me", "replaceme", "replace-me",
        "your_password", "your-password", "yourpassword", "your_secret", "insert_", "placeholder", "example",
        "dummy", "notsecret", "not_secret", "not-a-secret", "fixme", "default_password", "in_production",
    ];

    /// <summary>Why the value is weak in this sense, or null.</summary>
    public static string? Problem(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length >= 2 && ((trimmed[0] == '<' && trimmed[^1] == '>') || (trimmed.StartsWith("${", StringComparison.Ordinal) && trimmed[^1] == '}')))
        {
            return "is a placeholder";
        }

        if (Common.Contains(trimmed))
        {
            return "is a well-known default or common password";
        }

        if (PlaceholderFragments.Any(f => trimmed.Contains(f, StringComparison.OrdinalIgnoreCase)))
        {
            return "is a placeholder or default";
        }

        if (trimmed.Length > 0 && trimmed.All(c => c == trimmed[0]))
        {
            return "repeats one character";
        }

        return null;
    }
}
