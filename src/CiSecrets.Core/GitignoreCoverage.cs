using System.Text;
using System.Text.RegularExpressions;

namespace CiSecrets;

/// <summary>
/// Which of the files plaintext secrets live in locally (<c>.env</c>, <c>*.secret</c>, <c>*.key</c>)
/// the repository's root <c>.gitignore</c> fails to ignore. Shared by the sops validator's
/// <c>sops/gitignore</c> rule and the <c>gitignore</c> gate check, so both give one answer.
/// Only the committed root file counts: it is the one every clone shares, whereas
/// <c>.git/info/exclude</c> and a user's global excludes protect one machine and nobody else.
/// Patterns follow gitignore(5) (https://git-scm.com/docs/gitignore): the last matching pattern wins,
/// <c>!</c> negates, a leading <c>/</c> or <c>**/</c> anchors at the root or any level.
/// </summary>
public sealed record GitignoreCoverage(bool FileExists, IReadOnlyList<string> Missing)
{
    /// <summary>The patterns every repository should ignore, each with a file name it must cover.</summary>
    public static IReadOnlyList<(string Pattern, string Probe)> SecretFilePatterns { get; } =
    [
        (".env", ".env"), ("*.secret", "example.secret"), ("*.key", "example.key"),
    ];

    public bool IgnoresAll => Missing.Count == 0;

    /// <summary>Reads <c>.gitignore</c> at <paramref name="repositoryRoot"/> (missing means nothing is ignored).</summary>
    public static GitignoreCoverage Of(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, ".gitignore");
        var exists = File.Exists(path);
        var lines = exists ? File.ReadAllLines(path) : [];
        return new GitignoreCoverage(exists, [.. SecretFilePatterns.Where(p => !Ignores(lines, p.Probe)).Select(p => p.Pattern)]);
    }

    /// <summary>Whether these <c>.gitignore</c> lines ignore a file of this name at the repository root.</summary>
    public static bool Ignores(IEnumerable<string> lines, string fileName)
    {
        var ignored = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negate = line.StartsWith('!');
            var pattern = negate ? line[1..] : line;
            pattern = pattern.TrimStart('/');
            if (pattern.StartsWith("**/", StringComparison.Ordinal))
            {
                pattern = pattern[3..];
            }

            // A directory pattern, or one with a path inside it, never names a file at the root.
            if (pattern.EndsWith('/') || pattern.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            if (GlobToRegex(pattern).IsMatch(fileName))
            {
                ignored = !negate;
            }
        }

        return ignored;
    }

    private static Regex GlobToRegex(string glob)
    {
        var builder = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close > i + 1)
                    {
                        var body = glob[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal);
                        builder.Append('[').Append(body.StartsWith('!') ? "^" + body[1..] : body).Append(']');
                        i = close;
                    }
                    else
                    {
                        builder.Append("\\[");
                    }

                    break;
                case '\\' when i + 1 < glob.Length:
                    builder.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
