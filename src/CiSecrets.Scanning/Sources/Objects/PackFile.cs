using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// One pack file (https://git-scm.com/docs/pack-format) with its entries parsed from their headers
/// in pack order. Read with positioned reads rather than mapped: a mapping would count the whole
/// pack in the process's resident memory once a full scan has touched it. Thread-safe for reading.
/// </summary>
internal sealed class PackFile : IDisposable
{
    private const int HeaderLength = 12;
    private const int TrailerLength = 20;

    private readonly SafeFileHandle _file;
    private readonly long _length;
    private readonly PackIndex _index;
    private readonly long[] _offsets;
    private readonly PackEntry[] _entries;
    private readonly GitObjectType[] _types;

    private PackFile(string path, PackIndex index, SafeFileHandle file, long length)
    {
        Path = path;
        _index = index;
        _file = file;
        _length = length;

        // Pack order: entries sorted by where they start, so each one ends where the next begins.
        var names = new int[index.Count];
        _offsets = new long[index.Count];
        for (var i = 0; i < index.Count; i++)
        {
            names[i] = i;
            _offsets[i] = index.OffsetAt(i);
        }

        Array.Sort(_offsets, names);
        _entries = new PackEntry[index.Count];
        for (var i = 0; i < _entries.Length; i++)
        {
            _entries[i] = ReadHeader(i, names[i]);
        }

        _types = ObjectTypes();
    }

    public string Path { get; }

    public IReadOnlyList<PackEntry> Entries => _entries;

    /// <summary>An entry's object type; a delta has its base's.</summary>
    public GitObjectType TypeOf(int entry) => _types[entry];

    /// <summary>
    /// Each entry's object type, a delta taking its base's. Offset-delta bases always come earlier
    /// in the pack; a reference-delta base may not, so that chain is followed (bounded: a cycle is corruption).
    /// </summary>
    private GitObjectType[] ObjectTypes()
    {
        var types = new GitObjectType[_entries.Length];
        for (var e = 0; e < _entries.Length; e++)
        {
            var b = _entries[e].Base;
            if (b < 0)
            {
                types[e] = _entries[e].StoredType;
                continue;
            }

            if (b < e)
            {
                types[e] = types[b];
                continue;
            }

            var root = b;
            for (var steps = 0; _entries[root].Base >= 0; steps++)
            {
                root = steps < _entries.Length ? _entries[root].Base : throw new CorruptObjectException(IdOf(e), "its delta chain loops");
            }

            types[e] = _entries[root].StoredType;
        }

        return types;
    }

    /// <summary>The pack beside <paramref name="indexPath"/>, or null when its index is not one we read.</summary>
    public static PackFile? TryOpen(string indexPath)
    {
        var index = PackIndex.TryLoad(indexPath);
        var packPath = System.IO.Path.ChangeExtension(indexPath, ".pack");
        if (index is null || !File.Exists(packPath))
        {
            return null;
        }

        var length = new FileInfo(packPath).Length;
        if (length < HeaderLength + TrailerLength)
        {
            throw new CorruptObjectException(System.IO.Path.GetFileName(packPath), "the pack file is truncated");
        }

        var file = File.OpenHandle(packPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            // A pack ends with the checksum its index records: a truncated or swapped pack does not.
            Span<byte> trailer = stackalloc byte[TrailerLength];
            if (RandomAccess.Read(file, trailer, length - TrailerLength) != TrailerLength || !trailer.SequenceEqual(index.PackChecksum))
            {
                throw new CorruptObjectException(System.IO.Path.GetFileName(packPath), "the pack file is truncated or damaged (its trailing checksum is not the one its index records)");
            }

            return new PackFile(packPath, index, file, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public string IdOf(int entry) => Convert.ToHexStringLower(_index.IdAt(_entries[entry].NameIndex));

    public ReadOnlySpan<byte> RawIdOf(int entry) => _index.IdAt(_entries[entry].NameIndex);

    /// <summary>The entry holding <paramref name="id"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> id)
    {
        var name = _index.Find(id);
        return name < 0 ? -1 : Array.BinarySearch(_offsets, _index.OffsetAt(name));
    }

    /// <summary>The inflated size of an entry's data (for a delta, of the delta itself).</summary>
    public int InflatedSize(int entry)
    {
        var size = _entries[entry].Size;
        return size <= Array.MaxLength
            ? (int)size
            : throw new CorruptObjectException(IdOf(entry), $"an object of {size:N0} bytes is larger than this scanner reads");
    }

    /// <summary>
    /// The size of the object an entry holds, without rebuilding it: a full object's header says
    /// it, a delta says its result's size in its first bytes, so only those are inflated.
    /// </summary>
    public long ObjectSize(int entry)
    {
        var header = _entries[entry];
        if (header.Base < 0)
        {
            return header.Size;
        }

        // Two size varints of at most ten bytes each; a few kilobytes of input always produce them.
        var compressed = new byte[(int)Math.Min(header.End - header.DataOffset, 4096)];
        Span<byte> start = stackalloc byte[20];
        try
        {
            var read = RandomAccess.Read(_file, compressed, header.DataOffset);
            using var inflater = new ZLibStream(new MemoryStream(compressed, 0, read), CompressionMode.Decompress);
            var length = inflater.ReadAtLeast(start[..(int)Math.Min(start.Length, header.Size)], (int)Math.Min(start.Length, header.Size), throwOnEndOfStream: false);
            var size = GitDelta.ResultSize(start[..length]);
            return size >= 0 ? size : throw new InvalidDataException("its size header is malformed");
        }
        catch (InvalidDataException e)
        {
            throw new CorruptObjectException(IdOf(entry), $"its delta header in {System.IO.Path.GetFileName(Path)} does not inflate ({e.Message})", e);
        }
    }

    /// <summary>How many compressed bytes an entry's data takes in the pack.</summary>
    public int CompressedSize(int entry)
    {
        var size = _entries[entry].End - _entries[entry].DataOffset;
        return size <= Array.MaxLength ? (int)size : throw new CorruptObjectException(IdOf(entry), $"its {size:N0} compressed bytes are more than this scanner reads");
    }

    /// <summary>
    /// Inflates an entry's data (for a delta, the delta itself) into <paramref name="destination"/>,
    /// exactly <see cref="InflatedSize"/> bytes, reading the compressed bytes into <paramref name="compressed"/>
    /// (at least <see cref="CompressedSize"/> long).
    /// </summary>
    public void Inflate(int entry, byte[] compressed, Span<byte> destination)
    {
        var header = _entries[entry];
        var length = CompressedSize(entry);
        try
        {
            if (RandomAccess.Read(_file, compressed.AsSpan(0, length), header.DataOffset) != length)
            {
                throw new EndOfStreamException("the pack file ends inside the object");
            }

            using var inflater = new ZLibStream(new MemoryStream(compressed, 0, length), CompressionMode.Decompress);
            inflater.ReadExactly(destination);

            // Reading on to the end makes zlib check the stream's Adler-32: damaged data can inflate to the right length.
            Span<byte> beyond = stackalloc byte[1];
            if (inflater.Read(beyond) != 0)
            {
                throw new InvalidDataException("it inflates to more bytes than its header says");
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new CorruptObjectException(IdOf(entry), $"its data in {System.IO.Path.GetFileName(Path)} does not inflate ({e.Message})", e);
        }
    }

    public void Dispose() => _file.Dispose();

    private PackEntry ReadHeader(int entry, int nameIndex)
    {
        var offset = _offsets[entry];
        var end = entry + 1 < _offsets.Length ? _offsets[entry + 1] : _length - TrailerLength;
        Span<byte> header = stackalloc byte[32];
        if (offset < HeaderLength || end <= offset)
        {
            throw Corrupt(nameIndex, "its offset in the pack index is outside the pack");
        }

        var available = (int)Math.Min(header.Length, end - offset);
        header = header[..RandomAccess.Read(_file, header[..available], offset)];

        // Type in bits 4-6 of the first byte, size in little-endian groups of 4 then 7 bits.
        var position = 0;
        var b = header[position++];
        var type = (GitObjectType)((b >> 4) & 7);
        long size = b & 0x0F;
        var shift = 4;
        while ((b & 0x80) != 0)
        {
            if (position >= header.Length || shift > 56)
            {
                throw Corrupt(nameIndex, "its pack header is malformed");
            }

            b = header[position++];
            size |= (long)(b & 0x7F) << shift;
            shift += 7;
        }

        var baseEntry = -1;
        if (type == GitObjectType.OffsetDelta)
        {
            // The base's distance back, big-endian groups of 7 bits with an offset of one per extra group.
            if (position >= header.Length)
            {
                throw Corrupt(nameIndex, "its pack header is malformed");
            }

            b = header[position++];
            long distance = b & 0x7F;
            while ((b & 0x80) != 0)
            {
                if (position >= header.Length || distance > (long.MaxValue >> 8))
                {
                    throw Corrupt(nameIndex, "its pack header is malformed");
                }

                b = header[position++];
                distance = ((distance + 1) << 7) | (long)(b & 0x7F);
            }

            baseEntry = Array.BinarySearch(_offsets, 0, entry, offset - distance);
        }
        else if (type == GitObjectType.ReferenceDelta)
        {
            if (position + 20 > header.Length)
            {
                throw Corrupt(nameIndex, "its pack header is malformed");
            }

            baseEntry = Find(header.Slice(position, 20));
            position += 20;
        }
        else if (type is not (GitObjectType.Commit or GitObjectType.Tree or GitObjectType.Blob or GitObjectType.Tag))
        {
            throw Corrupt(nameIndex, $"its pack entry has the unknown type {(int)type}");
        }

        if (type is GitObjectType.OffsetDelta or GitObjectType.ReferenceDelta && baseEntry < 0)
        {
            throw Corrupt(nameIndex, $"its delta base is not in {System.IO.Path.GetFileName(Path)}");
        }

        return new PackEntry(offset + position, end, size, type, baseEntry, nameIndex);
    }

    private CorruptObjectException Corrupt(int nameIndex, string problem) =>
        new(Convert.ToHexStringLower(_index.IdAt(nameIndex)), $"{problem} ({System.IO.Path.GetFileName(Path)})");
}
