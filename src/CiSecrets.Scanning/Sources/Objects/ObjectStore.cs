namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// A repository's object store read directly: its packs (walked family by family, see
/// <see cref="PackWalk"/>) and its loose objects. Used where every object is wanted (a
/// full-history scan), which libgit2's one-object-at-a-time reads serve slowly.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly string _objects;
    private readonly List<PackFile> _packs;

    private ObjectStore(string objects, List<PackFile> packs)
    {
        _objects = objects;
        _packs = packs;
        var packDirectory = Path.Combine(objects, "pack");
        IsPartialClone = Directory.Exists(packDirectory) && Directory.EnumerateFiles(packDirectory, "*.promisor").Any();
    }

    /// <summary>
    /// True for a partial clone (git clone --filter): its packs came from a promisor remote, which
    /// keeps the objects the filter left out, so a missing blob is expected there and is not corruption.
    /// </summary>
    public bool IsPartialClone { get; }

    /// <summary>
    /// The store, or null when it has parts only libgit2 reads: alternates (objects borrowed from
    /// another repository) or a pack index older than version 2.
    /// </summary>
    public static ObjectStore? TryOpen(string gitDirectory)
    {
        var objects = ObjectsDirectory.Of(gitDirectory);
        if (File.Exists(Path.Combine(objects, "info", "alternates")))
        {
            return null;
        }

        var packs = new List<PackFile>();
        try
        {
            foreach (var index in ObjectsDirectory.PackIndexes(objects))
            {
                var pack = PackFile.TryOpen(index);
                if (pack is null)
                {
                    packs.ForEach(p => p.Dispose());
                    return null;
                }

                packs.Add(pack);
            }
        }
        catch
        {
            packs.ForEach(p => p.Dispose());
            throw;
        }

        return new ObjectStore(objects, packs);
    }

    /// <summary>
    /// Hands every packed object of <paramref name="type"/> that <paramref name="wanted"/> selects to
    /// <paramref name="handler"/>, possibly from several threads at once. An object larger than
    /// <paramref name="maxSize"/> (its size read from its header) is handed to <paramref name="oversized"/>
    /// instead, never inflated: a blob of gigabytes that compresses to megabytes costs nothing.
    /// </summary>
    public void ReadPacked(GitObjectType type, Func<GitOid, bool> wanted, Action<GitOid, ReadOnlySpan<byte>> handler, int parallelism, CancellationToken cancellationToken, long maxSize = long.MaxValue, Action<GitOid, long>? oversized = null)
    {
        foreach (var pack in _packs)
        {
            var chosen = new List<int>();
            for (var e = 0; e < pack.Entries.Count; e++)
            {
                if (pack.TypeOf(e) != type || !wanted(GitOid.From(pack.RawIdOf(e))))
                {
                    continue;
                }

                var size = maxSize == long.MaxValue ? 0 : pack.ObjectSize(e);
                if (size > maxSize)
                {
                    oversized?.Invoke(GitOid.From(pack.RawIdOf(e)), size);
                }
                else
                {
                    chosen.Add(e);
                }
            }

            PackWalk.Run(pack, chosen, (entry, content) => handler(GitOid.From(pack.RawIdOf(entry)), content), parallelism, cancellationToken);
        }
    }

    /// <summary>A loose object's size from its header if it has <paramref name="type"/>, else null.</summary>
    public long? LooseSize(GitOid id, GitObjectType type)
    {
        var found = LooseObject.TryReadHeader(_objects, id.ToString());
        return found is { } o && o.Type == type ? o.Size : null;
    }

    /// <summary>A loose object's content if it has <paramref name="type"/>, else null (also when there is no such loose object).</summary>
    public byte[]? ReadLoose(GitOid id, GitObjectType type)
    {
        var found = LooseObject.TryRead(_objects, id.ToString());
        return found is { } o && o.Type == type ? o.Content : null;
    }

    public void Dispose() => _packs.ForEach(p => p.Dispose());
}
