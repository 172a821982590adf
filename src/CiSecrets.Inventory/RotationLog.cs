using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CiSecrets.Inventory;

/// <summary>
/// <c>.cisecrets-rotations.yaml</c>: when each secret was last rotated (name → UTC time). Rotation
/// writes it in the same commit as the bundle; the rotation-age check and apply read it. It holds
/// plain times only, never a value or a hash of one.
/// </summary>
public sealed class RotationLog
{
    public const string FileName = ".cisecrets-rotations.yaml";

    private RotationLog(string path, ImmutableSortedDictionary<string, DateTimeOffset> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The file it was read from and is saved to.</summary>
    public string Path { get; }

    public ImmutableSortedDictionary<string, DateTimeOffset> Entries { get; }

    /// <summary>The log of a repository; an empty one when the file does not exist yet.</summary>
    public static RotationLog Load(string repositoryRoot)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(repositoryRoot, FileName));
        var entries = ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new RotationLog(path, entries);
        }

        var yaml = new YamlFields(path);
        foreach (var (keyNode, value) in yaml.ParseRoot(BoundedFile.ReadAllText(path, BoundedFile.MaxConfigurationBytes)).Children)
        {
            var name = yaml.String(keyNode, "a secret name");
            var text = yaml.String(value, $"the rotation time of '{name}'");
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw yaml.Error(value, $"the rotation time of '{name}' must be an ISO 8601 time such as 2026-11-01T00:00:00Z, not '{text}'");
            }

            entries = entries.SetItem(name, time);
        }

        return new RotationLog(path, entries);
    }

    public DateTimeOffset? LastRotated(string name) => Entries.TryGetValue(name, out var time) ? time : null;

    /// <summary>A copy that records <paramref name="name"/> as rotated at <paramref name="time"/> (kept to the second, UTC).</summary>
    public RotationLog WithRotation(string name, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new RotationLog(Path, Entries.SetItem(name, new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero)));
    }

    /// <summary>The file text: a comment, then one <c>name: time</c> line per secret, sorted by name.</summary>
    public string ToYaml()
    {
        var builder = new StringBuilder("# When each secret was last rotated (UTC). Written by cisecrets rotate; holds no values.\n");
        foreach (var (name, time) in Entries)
        {
            builder.Append(name).Append(": ").Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Writes the log atomically (temp file + rename).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => AtomicFile.WriteAllTextAsync(Path, ToYaml(), cancellationToken);

    public void Save() => SaveAsync(CancellationToken.None).GetAwaiter().GetResult();
}
