namespace CiSecrets.Inventory;

/// <summary>
/// The parsed <c>.cisecrets.yaml</c>: every managed secret once, the gate phases and the rotation
/// settings. <see cref="Load"/> validates the whole file and reports the first problem with its line.
/// </summary>
public sealed record SecretsInventory
{
    public const string FileName = ".cisecrets.yaml";

    /// <summary>The default bundle (relative to the repository root), or null when none is named.</summary>
    public string? Bundle { get; init; }

    public InventoryDefaults Defaults { get; init; } = InventoryDefaults.Standard;
    public IReadOnlyList<ManagedSecret> Secrets { get; init; } = [];
    public IReadOnlyList<GatePhase> Gates { get; init; } = [];
    public RotationSettings Rotation { get; init; } = RotationSettings.Default;

    /// <summary>The file it was read from (full path).</summary>
    public required string SourcePath { get; init; }

    /// <summary>The folder bundle paths are relative to: the one holding the file.</summary>
    public string Root => Path.GetDirectoryName(SourcePath) ?? ".";

    /// <summary>Every bundle a secret reads from, in first-use order.</summary>
    public IReadOnlyList<string> Bundles => [.. Secrets.Select(s => s.Bundle).Distinct(StringComparer.Ordinal)];

    public ManagedSecret? FindSecret(string name) => Secrets.FirstOrDefault(s => s.Name == name);

    public GatePhase? FindPhase(string name) => Gates.FirstOrDefault(g => g.Name == name);

    /// <summary>Reads and validates a file; bad content is an <see cref="InputException"/> naming the line.</summary>
    public static SecretsInventory Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InputException(path, "file not found");
        }

        return Parse(BoundedFile.ReadAllText(full, BoundedFile.MaxConfigurationBytes), full);
    }

    /// <summary>Parses inventory text; bundle paths are checked against the folder of <paramref name="sourcePath"/>.</summary>
    public static SecretsInventory Parse(string text, string sourcePath) => new InventoryParser(sourcePath).Parse(text);

    /// <summary>The inventory at the root of a repository, or null when it has none.</summary>
    public static SecretsInventory? Find(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, FileName);
        return File.Exists(path) ? Load(path) : null;
    }
}
