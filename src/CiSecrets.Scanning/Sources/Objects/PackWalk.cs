namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>Receives one object's content; the span is valid only during the call.</summary>
internal delegate void ObjectHandler(int entry, ReadOnlySpan<byte> content);

/// <summary>
/// Produces chosen objects of a pack, each exactly once, the way <c>git index-pack</c> resolves
/// deltas: every delta chain hangs from one full object, so each family is walked depth-first
/// from its root and every object is rebuilt from its base while that base is still in hand.
/// Nothing is inflated twice and no cache is needed; memory is one chain per worker. Families
/// are independent, so the workers share them out.
/// </summary>
internal static class PackWalk
{
    public static void Run(PackFile pack, IEnumerable<int> wanted, ObjectHandler handler, int parallelism, CancellationToken cancellationToken)
    {
        var entries = pack.Entries;
        var isWanted = new bool[entries.Count];
        var needed = new bool[entries.Count];
        foreach (var entry in wanted)
        {
            isWanted[entry] = true;

            // The object and every base it is built from (a chain of a few dozen at most).
            for (var e = entry; e >= 0 && !needed[e]; e = entries[e].Base)
            {
                needed[e] = true;
            }
        }

        var (children, roots) = Families(entries, needed);
        var next = -1;
        void Work()
        {
            var walker = new FamilyWalker(pack, children, isWanted, handler);
            for (var i = Interlocked.Increment(ref next); i < roots.Length; i = Interlocked.Increment(ref next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                walker.Walk(roots[i]);
            }
        }

        ParallelWork.Run(Math.Min(parallelism, roots.Length), Work, cancellationToken);
    }

    /// <summary>For each needed entry the needed deltas built on it (as ranges of one array), and the needed full objects.</summary>
    private static ((int[] Start, int[] Items) Children, int[] Roots) Families(IReadOnlyList<PackEntry> entries, bool[] needed)
    {
        var start = new int[entries.Count + 1];
        var roots = new List<int>();
        for (var e = 0; e < entries.Count; e++)
        {
            if (!needed[e])
            {
                continue;
            }

            if (entries[e].Base < 0)
            {
                roots.Add(e);
            }
            else
            {
                start[entries[e].Base + 1]++;
            }
        }

        for (var e = 0; e < entries.Count; e++)
        {
            start[e + 1] += start[e];
        }

        var items = new int[start[^1]];
        var fill = start[..^1].ToArray();
        for (var e = 0; e < entries.Count; e++)
        {
            if (needed[e] && entries[e].Base >= 0)
            {
                items[fill[entries[e].Base]++] = e;
            }
        }

        return ((start, items), [.. roots]);
    }

    /// <summary>One worker's depth-first walk; holds the content of the chain from the root to the current object.</summary>
    private sealed class FamilyWalker(PackFile pack, (int[] Start, int[] Items) children, bool[] isWanted, ObjectHandler handler)
    {
        private readonly Stack<(int Entry, byte[] Content, int Length, int NextChild)> _chain = new();
        private readonly BufferShelf _buffers = new();

        public void Walk(int root)
        {
            var length = pack.InflatedSize(root);
            var content = _buffers.Take(length);
            Inflate(root, content.AsSpan(0, length));
            Visit(root, content, length);
            while (_chain.Count > 0)
            {
                var (entry, baseContent, baseLength, nextChild) = _chain.Pop();
                if (nextChild == children.Start[entry + 1])
                {
                    _buffers.Put(baseContent);
                    continue;
                }

                _chain.Push((entry, baseContent, baseLength, nextChild + 1));
                var child = children.Items[nextChild];
                var (result, resultLength) = Rebuild(child, baseContent.AsSpan(0, baseLength));
                Visit(child, result, resultLength);
            }
        }

        private void Visit(int entry, byte[] content, int length)
        {
            if (isWanted[entry])
            {
                handler(entry, content.AsSpan(0, length));
            }

            _chain.Push((entry, content, length, children.Start[entry]));
        }

        private void Inflate(int entry, Span<byte> destination)
        {
            var compressed = _buffers.Take(pack.CompressedSize(entry));
            try
            {
                pack.Inflate(entry, compressed, destination);
            }
            finally
            {
                _buffers.Put(compressed);
            }
        }

        private (byte[] Content, int Length) Rebuild(int entry, ReadOnlySpan<byte> baseContent)
        {
            var deltaLength = pack.InflatedSize(entry);
            var delta = _buffers.Take(deltaLength);
            try
            {
                Inflate(entry, delta.AsSpan(0, deltaLength));
                var size = GitDelta.ResultSize(delta.AsSpan(0, deltaLength));
                if (size < 0 || size > Array.MaxLength)
                {
                    throw new CorruptObjectException(pack.IdOf(entry), "its delta is malformed");
                }

                var result = _buffers.Take((int)size);
                if (!GitDelta.TryApply(baseContent, delta.AsSpan(0, deltaLength), result))
                {
                    throw new CorruptObjectException(pack.IdOf(entry), "its delta does not apply to its base");
                }

                return (result, (int)size);
            }
            finally
            {
                _buffers.Put(delta);
            }
        }
    }
}
