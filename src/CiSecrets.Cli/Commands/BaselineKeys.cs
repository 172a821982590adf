using CiSecrets.Scanning.Suppression;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// Finds a baseline's key: <see cref="BaselineKey.Variable"/> (an Actions secret), else the key file
/// <see cref="BaselineKey.FileName"/> at the repository root. <c>baseline create</c> and <c>migrate</c>
/// make the key file when neither exists: 0600, and ignored by the root <c>.gitignore</c> so it is never committed.
/// </summary>
internal static class BaselineKeys
{
    private const int MaxKeyFileBytes = 4096;

    public static BaselineKey? Find(IEnvironment environment, string root)
    {
        var variable = environment.GetVariable(BaselineKey.Variable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return BaselineKey.Parse(variable, BaselineKey.Variable);
        }

        var file = Path.Combine(root, BaselineKey.FileName);
        if (!File.Exists(file))
        {
            return null;
        }

        if (new FileInfo(file).Length > MaxKeyFileBytes)
        {
            throw new InputException(file, "baseline key file is too large to be a key");
        }

        return BaselineKey.Parse(File.ReadAllText(file), file);
    }

    /// <summary>The key to write a baseline with, and a sentence for the user when a new key file was made.</summary>
    public static async Task<(BaselineKey Key, string? Created)> FindOrCreateAsync(IEnvironment environment, string root, CancellationToken cancellationToken)
    {
        if (Find(environment, root) is { } key)
        {
            return (key, null);
        }

        var file = Path.Combine(root, BaselineKey.FileName);
        key = BaselineKey.Generate(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await AtomicFile.WriteOwnerOnlyAsync(file, System.Text.Encoding.ASCII.GetBytes(key.Export() + "\n"), cancellationToken);

        await IgnoreAsync(root, cancellationToken);
        return (key, $"new baseline key in {file} (0600, in .gitignore, never commit it); give CI the same key as the {BaselineKey.Variable} secret");
    }

    private static async Task IgnoreAsync(string root, CancellationToken cancellationToken)
    {
        var gitignore = Path.Combine(root, ".gitignore");
        var pattern = "/" + BaselineKey.FileName;
        var existing = File.Exists(gitignore) ? await File.ReadAllTextAsync(gitignore, cancellationToken) : "";
        if (existing.Split('\n').Any(line => line.Trim() == pattern))
        {
            return;
        }

        var separator = existing.Length == 0 || existing.EndsWith('\n') ? "" : "\n";
        await AtomicFile.WriteAllTextAsync(gitignore, $"{existing}{separator}# cisecrets baseline key: never commit it\n{pattern}\n", cancellationToken);
    }
}
