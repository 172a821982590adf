using System.Text;
using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// A path glob as .gitignore users write them: <c>*</c> within a segment, <c>**</c> across
/// segments, <c>?</c> one character. A pattern without a slash matches the file name anywhere.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public static Glob Parse(string pattern)
    {
        var normalized = pattern.Replace('\\', '/').TrimStart('/');
        if (!normalized.Contains('/'))
        {
            normalized = "**/" + normalized;
        }

        var builder = new StringBuilder("^");
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (c == '*' && i + 1 < normalized.Length && normalized[i + 1] == '*')
            {
                var slashFollows = i + 2 < normalized.Length && normalized[i + 2] == '/';
                builder.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                builder.Append("[^/]*");
            }
            else if (c == '?')
            {
                builder.Append("[^/]");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        // A directory pattern covers everything below it.
        builder.Append(normalized.EndsWith('/') ? ".*$" : "(?:/.*)?$");
        return new Glob(pattern, new Regex(builder.ToString(), RegexOptions.CultureInvariant));
    }

    public bool IsMatch(string path) => _regex.IsMatch(path);

    public override string ToString() => Pattern;
}
