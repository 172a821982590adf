using System.Collections.Concurrent;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// Every tree of a history kept as bytes, packed end to end in large chunks: a full-history
/// scan compares each commit's trees with its parent's, and holding them this way costs their
/// size plus a few dozen bytes each, rather than an object and an array per tree. Thread-safe.
/// </summary>
internal sealed class TreeStore
{
    private const int ChunkSize = 4 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<GitOid, ArraySegment<byte>> _trees = new();
    private byte[] _chunk = [];
    private int _used;

    public int Count => _trees.Count;

    public void Add(GitOid id, ReadOnlySpan<byte> content)
    {
        if (_trees.ContainsKey(id))
        {
            return;
        }

        lock (_lock)
        {
            if (content.Length > _chunk.Length - _used)
            {
                // A tree larger than a chunk (a directory of tens of thousands of files) gets its own.
                _chunk = new byte[Math.Max(ChunkSize, content.Length)];
                _used = 0;
            }

            content.CopyTo(_chunk.AsSpan(_used));
            _trees.TryAdd(id, new ArraySegment<byte>(_chunk, _used, content.Length));
            _used += content.Length;
        }
    }

    public bool TryGet(GitOid id, out RawTree tree)
    {
        var found = _trees.TryGetValue(id, out var content);
        tree = new RawTree(content);
        return found;
    }
}
