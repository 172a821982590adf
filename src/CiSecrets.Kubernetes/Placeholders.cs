using System.Text;
using System.Text.RegularExpressions;

namespace CiSecrets.Kubernetes;

/// <summary>
/// Values people leave where a secret belongs: <c>changeme</c>, <c>TODO</c>, <c>xxxx</c>,
/// <c>&lt;password&gt;</c>, <c>${DB_PASSWORD}</c>, <c>{{ .Values.x }}</c>.
/// </summary>
public static partial class Placeholders
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "change-me", "change_me", "changeit", "replaceme", "replace-me", "replace_me", "placeholder",
        "todo", "tbd", "fixme", "dummy", "example", "sample", "default", "secret", "password", "passw0rd",
        "test", "none", "null", "nil", "undefined", "redacted", "your-secret-here", "insert-secret-here",
    };

    public static bool IsPlaceholder(ReadOnlySpan<byte> value)
    {
        if (value.Length > 64)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(value).Trim();
        return Words.Contains(text) || Pattern().IsMatch(text);
    }

    [GeneratedRegex(@"^(?:x{3,}|X{3,}|\*{3,}|\.{3,}|<[^<>]+>|\$\{[^}]+\}|\{\{.+\}\}|%[A-Za-z_]+%)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
