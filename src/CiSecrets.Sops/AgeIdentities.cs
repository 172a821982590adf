using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

/// <summary>
/// Finds age identities the way sops does: <c>SOPS_AGE_KEY</c>, <c>SOPS_AGE_KEY_FILE</c>, and the
/// default <c>keys.txt</c> (<c>$XDG_CONFIG_HOME/sops/age/keys.txt</c>, else <c>~/.config/sops/age/keys.txt</c>).
/// https://github.com/getsops/sops/blob/main/age/keysource.go
/// </summary>
public static class AgeIdentities
{
    /// <summary>Every identity the environment provides (none is not an error here; decrypt reports it).</summary>
    public static IReadOnlyList<AgeIdentity> Load(IEnvironment environment)
    {
        var identities = new List<AgeIdentity>();
        if (environment.GetVariable("SOPS_AGE_KEY") is { Length: > 0 } inline)
        {
            identities.AddRange(Parse(inline, "SOPS_AGE_KEY"));
        }

        if (environment.GetVariable("SOPS_AGE_KEY_FILE") is { Length: > 0 } file)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(environment.CurrentDirectory, file);
            if (!File.Exists(path))
            {
                throw new InputException(path, "SOPS_AGE_KEY_FILE names a file that does not exist");
            }

            identities.AddRange(ParseFile(path));
        }

        var defaultFile = DefaultKeysFile(environment);
        if (defaultFile is not null && File.Exists(defaultFile))
        {
            identities.AddRange(ParseFile(defaultFile));
        }

        return identities;
    }

    /// <summary>Where sops looks for keys.txt when no variable says otherwise.</summary>
    public static string? DefaultKeysFile(IEnvironment environment)
    {
        if (environment.GetVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "sops", "age", "keys.txt");
        }

        var home = environment.GetVariable("HOME") ?? environment.GetVariable("USERPROFILE");
        if (string.IsNullOrEmpty(home))
        {
            return null;
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "sops", "age", "keys.txt");
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(environment.GetVariable("APPDATA") ?? Path.Combine(home, "AppData", "Roaming"), "sops", "age", "keys.txt")
            : Path.Combine(home, ".config", "sops", "age", "keys.txt");
    }

    /// <summary>The largest key file read: a keys.txt holds a few lines; a variable naming /dev/zero must not exhaust memory.</summary>
    public const long MaxKeyFileBytes = 1024 * 1024;

    public static IReadOnlyList<AgeIdentity> ParseFile(string path) => Parse(BoundedFile.ReadAllText(path, MaxKeyFileBytes), path);

    /// <summary>Parses key-file text: one identity per line, empty lines and <c>#</c> lines skipped.</summary>
    public static IReadOnlyList<AgeIdentity> Parse(string text, string subject)
    {
        var identities = new List<AgeIdentity>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!AgeIdentity.TryParse(line, out var identity))
            {
                // Never echo the line: it may be a mangled secret key.
                throw new InputException(subject, $"line {lineNumber} is not an age identity (AGE-SECRET-KEY-1…)");
            }

            identities.Add(identity!);
        }

        return identities;
    }
}
