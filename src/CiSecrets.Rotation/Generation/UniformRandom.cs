using System.Security.Cryptography;

namespace CiSecrets.Rotation.Generation;

/// <summary>
/// Uniform choices from the operating system's CSPRNG. A byte modulo an alphabet size favours the
/// first characters whenever the size does not divide 256, so a draw is masked to the next power
/// of two and rejected (and redrawn) when it falls outside the alphabet: every character is
/// exactly equally likely.
/// </summary>
internal static class UniformRandom
{
    /// <summary><paramref name="length"/> characters, each drawn uniformly from <paramref name="alphabet"/>.</summary>
    public static string Choose(string alphabet, int length)
    {
        if (alphabet.Length is < 2 or > 65536)
        {
            throw new ArgumentException("an alphabet needs 2 to 65536 characters", nameof(alphabet));
        }

        var bound = (uint)alphabet.Length;
        var mask = MaskFor(bound);
        var result = new char[length];
        Span<byte> pool = stackalloc byte[256];
        var available = 0;
        var filled = 0;
        while (filled < length)
        {
            if (available < 2)
            {
                RandomNumberGenerator.Fill(pool);
                available = pool.Length;
            }

            // Two bytes per draw cover alphabets up to 65536 characters; the mask keeps the
            // rejection rate below one half.
            var draw = (uint)(pool[available - 1] | (pool[available - 2] << 8)) & mask;
            available -= 2;
            if (draw < bound)
            {
                result[filled++] = alphabet[(int)draw];
            }
        }

        CryptographicOperations.ZeroMemory(pool);
        return new string(result);
    }

    /// <summary>The smallest all-ones mask covering 0..bound-1.</summary>
    internal static uint MaskFor(uint bound)
    {
        var mask = bound - 1;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        return mask;
    }
}
