using System.Globalization;
using System.Text;

namespace CiSecrets;

/// <summary>
/// The one escaping every path, name and message taken from a repository, a cluster or a file goes
/// through before it is printed. A filename is hostile input: it may hold a newline that starts a
/// forged line, or a GitHub Actions workflow command. The runner reads <c>::command</c> at the start
/// of a line (after leading blanks) and the legacy <c>##[command]</c> anywhere in a line
/// (actions/runner ActionCommand.TryParseV2 and TryParse), so a printed <c>::stop-commands::x</c>
/// would switch off every annotation that follows. The escaping is the same in and out of Actions so
/// that output does not depend on where it runs; the characters it changes are rare in real names.
/// </summary>
public static class PrintedText
{
    /// <summary>
    /// Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides become
    /// visible escapes (<c>\n</c>, <c>\x1b</c>, <c>\u2028</c>); a colon that could complete <c>::</c> (next to
    /// another, or at either end of the text) becomes <c>\x3a</c>, and the bracket of <c>##[</c> <c>\x5b</c>.
    /// </summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var first = FirstNonBlank(value);
        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var replacement = Replacement(value, i, first);
            if (replacement is null)
            {
                escaped?.Append(value[i]);
                continue;
            }

            escaped ??= new StringBuilder(value.Length + 16).Append(value, 0, i);
            escaped.Append(replacement);
        }

        return escaped?.ToString() ?? value;
    }

    /// <summary>
    /// Serialized JSON made safe to print: <c>##[</c> can only occur inside a string there, where
    /// <c>#\u0023[</c> decodes to the same text, so the document stays valid and means the same.
    /// (Control characters are already escaped by the serializer, and no JSON line starts with <c>::</c>.)
    /// </summary>
    public static string EscapeJson(string json) =>
        json.Replace("##[", "#\\u0023[", StringComparison.Ordinal);

    /// <summary>True when a name holds a character that <see cref="Escape"/> would have to make visible as an escape (not the Actions ones).</summary>
    public static bool HasControlCharacters(string value) => value.Any(IsControl);

    private static string? Replacement(string value, int i, int first)
    {
        var c = value[i];
        if (IsControl(c))
        {
            return c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c <= '\xff' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            };
        }

        if (c == ':' && (i == first || i == value.Length - 1 || (i > 0 && value[i - 1] == ':') || (i + 1 < value.Length && value[i + 1] == ':')))
        {
            return "\\x3a";
        }

        return c == '[' && i >= 2 && value[i - 1] == '#' && value[i - 2] == '#' ? "\\x5b" : null;
    }

    private static bool IsControl(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    private static int FirstNonBlank(string value)
    {
        var i = 0;
        while (i < value.Length && char.IsWhiteSpace(value[i]) && !IsControl(value[i]))
        {
            i++;
        }

        return i;
    }
}
