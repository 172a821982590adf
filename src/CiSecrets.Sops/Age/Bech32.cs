using System.Text;

namespace CiSecrets.Sops.Age;

/// <summary>
/// Bech32 (BIP-173 checksum) as age uses it for <c>age1…</c> recipients and <c>AGE-SECRET-KEY-1…</c>
/// identities, without BIP-173's 90-character limit. https://github.com/FiloSottile/age/blob/main/internal/bech32/bech32.go
/// </summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static string Encode(string hrp, byte[] data)
    {
        var values = ConvertBits(data, 8, 5, true) ?? throw new ArgumentException("invalid data", nameof(data));
        var lowerHrp = hrp.ToLowerInvariant();
        var checksum = CreateChecksum(lowerHrp, values);
        var builder = new StringBuilder(lowerHrp).Append('1');
        foreach (var v in values.Concat(checksum))
        {
            builder.Append(Charset[v]);
        }

        return hrp == lowerHrp ? builder.ToString() : builder.ToString().ToUpperInvariant();
    }

    /// <summary>Decodes; null when the string is not valid bech32 (mixed case, bad checksum, bad characters).</summary>
    public static (string Hrp, byte[] Data)? Decode(string text)
    {
        if (text.ToLowerInvariant() != text && text.ToUpperInvariant() != text)
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
        {
            return null;
        }

        var hrp = lower[..separator];
        var values = new List<byte>();
        foreach (var c in lower[(separator + 1)..])
        {
            var index = Charset.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }

            values.Add((byte)index);
        }

        if (Polymod(ExpandHrp(hrp).Concat(values)) != 1)
        {
            return null;
        }

        var data = ConvertBits(values.Take(values.Count - 6).ToArray(), 5, 8, false);
        return data is null ? null : (hrp, data);
    }

    private static byte[] CreateChecksum(string hrp, byte[] values)
    {
        var polymod = Polymod(ExpandHrp(hrp).Concat(values).Concat(new byte[6])) ^ 1;
        var result = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            result[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        }

        return result;
    }

    private static IEnumerable<byte> ExpandHrp(string hrp) =>
        hrp.Select(c => (byte)(c >> 5)).Append((byte)0).Concat(hrp.Select(c => (byte)(c & 31)));

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) == 1)
                {
                    chk ^= generator[i];
                }
            }
        }

        return chk;
    }

    private static byte[]? ConvertBits(byte[] data, int fromBits, int toBits, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var result = new List<byte>();
        var maxValue = (1 << toBits) - 1;
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                return null;
            }

            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) != 0)
        {
            return null;
        }

        return [.. result];
    }
}
