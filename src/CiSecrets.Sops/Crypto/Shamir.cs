using System.Security.Cryptography;

namespace CiSecrets.Sops;

/// <summary>
/// Shamir secret sharing over GF(2^8) as sops does it (HashiCorp Vault's implementation): a share is
/// the evaluated bytes followed by its x coordinate. https://github.com/getsops/sops/blob/main/shamir/shamir.go
/// </summary>
internal static class Shamir
{
    public static byte[][] Split(byte[] secret, int parts, int threshold)
    {
        if (parts < threshold || parts > 255 || threshold < 2 || secret.Length == 0)
        {
            throw new ArgumentException($"cannot split into {parts} parts with threshold {threshold}");
        }

        // Distinct x coordinates 1..parts, matching the group order.
        var shares = new byte[parts][];
        for (var p = 0; p < parts; p++)
        {
            shares[p] = new byte[secret.Length + 1];
            shares[p][secret.Length] = (byte)(p + 1);
        }

        for (var i = 0; i < secret.Length; i++)
        {
            var coefficients = RandomNumberGenerator.GetBytes(threshold);
            coefficients[0] = secret[i];
            for (var p = 0; p < parts; p++)
            {
                shares[p][i] = Evaluate(coefficients, (byte)(p + 1));
            }
        }

        return shares;
    }

    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        if (shares.Count < 2)
        {
            throw new ArgumentException("at least two shares are required");
        }

        var length = shares[0].Length;
        if (length < 2 || shares.Any(s => s.Length != length))
        {
            throw new ArgumentException("all shares must have the same length");
        }

        var xs = shares.Select(s => s[^1]).ToArray();
        if (xs.Distinct().Count() != xs.Length)
        {
            throw new ArgumentException("duplicate share");
        }

        var secret = new byte[length - 1];
        for (var i = 0; i < secret.Length; i++)
        {
            byte value = 0;
            for (var j = 0; j < shares.Count; j++)
            {
                byte basis = 1;
                for (var m = 0; m < shares.Count; m++)
                {
                    if (m == j)
                    {
                        continue;
                    }

                    // Lagrange basis at 0: x_m / (x_m - x_j); subtraction is xor in GF(2^8).
                    basis = Multiply(basis, Divide(xs[m], (byte)(xs[m] ^ xs[j])));
                }

                value ^= Multiply(shares[j][i], basis);
            }

            secret[i] = value;
        }

        return secret;
    }

    private static byte Evaluate(byte[] coefficients, byte x)
    {
        byte result = 0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            result = (byte)(Multiply(result, x) ^ coefficients[i]);
        }

        return result;
    }

    private static byte Multiply(byte a, byte b)
    {
        byte result = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
            {
                result ^= a;
            }

            var carry = (a & 0x80) != 0;
            a <<= 1;
            if (carry)
            {
                a ^= 0x1B;
            }

            b >>= 1;
        }

        return result;
    }

    private static byte Divide(byte a, byte b)
    {
        if (b == 0)
        {
            throw new DivideByZeroException();
        }

        // a / b = a * b^254 in GF(2^8).
        byte inverse = 1;
        var power = b;
        for (var e = 254; e > 0; e >>= 1)
        {
            if ((e & 1) != 0)
            {
                inverse = Multiply(inverse, power);
            }

            power = Multiply(power, power);
        }

        return Multiply(a, inverse);
    }
}
