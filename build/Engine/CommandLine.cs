namespace CiSecrets.Build.Engine;

/// <summary>
/// The build's arguments split into invoked targets and <c>--options</c>: positional words before the
/// first option are targets (so are the values of <c>--target</c>); each option takes the words after
/// it up to the next option.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandLine(IReadOnlyList<string> targets) => Targets = targets;

    public IReadOnlyList<string> Targets { get; }

    /// <summary>Options in the order given, by normalized name (see <see cref="Normalize"/>).</summary>
    public IReadOnlyDictionary<string, List<string>> Options => _options;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var targets = new List<string>();
        List<string>? current = null;
        var options = new List<(string Name, List<string> Values)>();
        foreach (var arg in args)
        {
            if (arg.StartsWith('-') && arg.Length > 1 && !char.IsDigit(arg[1]))
            {
                var name = arg.TrimStart('-');
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                current = [];
                if (equals >= 0)
                {
                    current.Add(name[(equals + 1)..]);
                    name = name[..equals];
                }

                options.Add((Normalize(name == "h" ? "help" : name), current));
            }
            else if (current is null)
            {
                targets.Add(arg);
            }
            else
            {
                current.Add(arg);
            }
        }

        var commandLine = new CommandLine(targets);
        foreach (var (name, values) in options)
        {
            if (name == "target")
            {
                targets.AddRange(values);
            }
            else if (commandLine._options.TryGetValue(name, out var existing))
            {
                existing.AddRange(values);
            }
            else
            {
                commandLine._options[name] = values;
            }
        }

        return commandLine;
    }

    /// <summary><c>--blob-megabytes</c>, <c>BlobMegabytes</c> and <c>BLOB_MEGABYTES</c> all become <c>blobmegabytes</c>.</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();

    /// <summary><c>BlobMegabytes</c> becomes <c>--blob-megabytes</c> (CamelHumps, as Nuke derives it).</summary>
    public static string ToDashedName(string memberName)
    {
        var builder = new System.Text.StringBuilder("--");
        for (var i = 0; i < memberName.Length; i++)
        {
            var c = memberName[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(memberName[i - 1]) || (i + 1 < memberName.Length && char.IsLower(memberName[i + 1]))))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
