namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// Buffers one walker reuses for object contents. Unlike the shared array pool, which keeps
/// whatever it is given for the life of the process, it holds at most a fixed number of bytes,
/// so memory stays bounded however large and deep the delta chains are.
/// </summary>
internal sealed class BufferShelf(long capacity = 8 * 1024 * 1024)
{
    private const int SmallestBuffer = 4096;

    private readonly List<byte[]> _free = [];
    private long _held;

    /// <summary>A buffer of at least <paramref name="length"/> bytes (contents undefined).</summary>
    public byte[] Take(int length)
    {
        var best = -1;
        for (var i = 0; i < _free.Count; i++)
        {
            if (_free[i].Length >= length && (best < 0 || _free[i].Length < _free[best].Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            // Round up so a file that grows a little between versions reuses its buffer.
            return new byte[Math.Max(SmallestBuffer, (int)Math.Min(Array.MaxLength, length + (length / 4L)))];
        }

        var buffer = _free[best];
        _free[best] = _free[^1];
        _free.RemoveAt(_free.Count - 1);
        _held -= buffer.Length;
        return buffer;
    }

    public void Put(byte[] buffer)
    {
        if (_held + buffer.Length <= capacity)
        {
            _free.Add(buffer);
            _held += buffer.Length;
        }
    }
}
