using System.Buffers.Binary;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// A pack index, version 2 (https://git-scm.com/docs/pack-format#_version_2_pack_idx_files_support_packs_larger_than_4_gib_and):
/// the sorted object names of one pack and where each object starts in it.
/// </summary>
internal sealed class PackIndex
{
    private static ReadOnlySpan<byte> Magic => [0xFF, 0x74, 0x4F, 0x63];

    private const int FanOut = 8;
    private const int Names = FanOut + (256 * 4);

    private readonly byte[] _index;
    private readonly int _offsets;
    private readonly int _largeOffsets;

    private PackIndex(byte[] index, int count)
    {
        _index = index;
        Count = count;
        _offsets = Names + (count * 20) + (count * 4);
        _largeOffsets = _offsets + (count * 4);
    }

    public int Count { get; }

    /// <summary>The index, or null when it is not a version 2 index we can read (version 1 predates 2008).</summary>
    public static PackIndex? TryLoad(string path)
    {
        var index = File.ReadAllBytes(path);
        if (index.Length < Names || !index.AsSpan(0, 4).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(4)) != 2)
        {
            return null;
        }

        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(FanOut + (255 * 4)));
        var pack = new PackIndex(index, count);
        return index.Length < pack._largeOffsets + 40 ? null : pack;
    }

    /// <summary>The checksum of the pack this index describes: the pack file ends with the same 20 bytes.</summary>
    public ReadOnlySpan<byte> PackChecksum => _index.AsSpan(_index.Length - 40, 20);

    public ReadOnlySpan<byte> IdAt(int entry) => _index.AsSpan(Names + (entry * 20), 20);

    public long OffsetAt(int entry)
    {
        long offset = BinaryPrimitives.ReadUInt32BigEndian(_index.AsSpan(_offsets + (entry * 4)));
        if ((offset & 0x80000000) == 0)
        {
            return offset;
        }

        var slot = _largeOffsets + ((int)(offset & 0x7FFFFFFF) * 8);
        return slot + 8 <= _index.Length ? (long)BinaryPrimitives.ReadUInt64BigEndian(_index.AsSpan(slot)) : -1;
    }

    /// <summary>The entry holding <paramref name="id"/>, or -1: the fan-out table narrows a binary search over the sorted names.</summary>
    public int Find(ReadOnlySpan<byte> id)
    {
        var low = id[0] == 0 ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(_index.AsSpan(FanOut + ((id[0] - 1) * 4)));
        var high = (int)BinaryPrimitives.ReadUInt32BigEndian(_index.AsSpan(FanOut + (id[0] * 4))) - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = IdAt(middle).SequenceCompareTo(id);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
