namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// Applies a git delta (https://git-scm.com/docs/pack-format#_deltified_representation): the
/// base and result sizes, then instructions that either copy a range of the base or insert literal bytes.
/// </summary>
internal static class GitDelta
{
    /// <summary>The result size the delta declares, read without applying it.</summary>
    public static long ResultSize(ReadOnlySpan<byte> delta)
    {
        var position = 0;
        ReadSize(delta, ref position);
        return ReadSize(delta, ref position);
    }

    /// <summary>Writes the result into <paramref name="result"/> (at least <see cref="ResultSize"/> long); false when the delta is malformed.</summary>
    public static bool TryApply(ReadOnlySpan<byte> source, ReadOnlySpan<byte> delta, Span<byte> result)
    {
        var position = 0;
        if (ReadSize(delta, ref position) != source.Length)
        {
            return false;
        }

        var size = ReadSize(delta, ref position);
        if (size > result.Length)
        {
            return false;
        }

        var written = 0;
        while (position < delta.Length)
        {
            int operation = delta[position++];
            if ((operation & 0x80) != 0)
            {
                long offset = 0;
                long length = 0;
                for (var bit = 0; bit < 4; bit++)
                {
                    if ((operation & (1 << bit)) != 0)
                    {
                        if (position >= delta.Length)
                        {
                            return false;
                        }

                        offset |= (long)delta[position++] << (8 * bit);
                    }
                }

                for (var bit = 0; bit < 3; bit++)
                {
                    if ((operation & (0x10 << bit)) != 0)
                    {
                        if (position >= delta.Length)
                        {
                            return false;
                        }

                        length |= (long)delta[position++] << (8 * bit);
                    }
                }

                if (length == 0)
                {
                    length = 0x10000;
                }

                if (offset + length > source.Length || written + length > size)
                {
                    return false;
                }

                source.Slice((int)offset, (int)length).CopyTo(result[written..]);
                written += (int)length;
            }
            else if (operation != 0)
            {
                if (position + operation > delta.Length || written + operation > size)
                {
                    return false;
                }

                delta.Slice(position, operation).CopyTo(result[written..]);
                position += operation;
                written += operation;
            }
            else
            {
                return false;
            }
        }

        return written == size;
    }

    private static long ReadSize(ReadOnlySpan<byte> delta, ref int position)
    {
        long size = 0;
        var shift = 0;
        byte b;
        do
        {
            if (position >= delta.Length || shift > 56)
            {
                return -1;
            }

            b = delta[position++];
            size |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return size;
    }
}
