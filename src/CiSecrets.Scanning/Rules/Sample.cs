namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Builds rule examples at run time, so that no live-looking credential is ever committed
/// (the repository passes its own scan). Values are pseudo-random but stable: the same call
/// gives the same text in every run.
/// </summary>
public static class Sample
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string Hex = "0123456789abcdef";
    public const string Base32 = Upper + "234567";
    public const string UpperDigits = Upper + Digits;
    public const string AlphaNumeric = Upper + Lower + Digits;
    public const string Base64 = AlphaNumeric + "+/";
    public const string Base64Url = AlphaNumeric + "-_";

    /// <summary><paramref name="prefix"/> followed by <paramref name="length"/> characters of <paramref name="alphabet"/>.</summary>
    public static string Token(string prefix, int length, string alphabet, int variant = 0)
    {
        var state = Seed(prefix, length, alphabet, variant);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[(int)(Next(ref state) % (ulong)alphabet.Length)];
        }

        return prefix + new string(chars);
    }

    /// <summary>Joins parts, so a sample's recognisable prefix and body never stand together in source.</summary>
    public static string Join(params string[] parts) => string.Concat(parts);

    /// <summary>A PEM block of the given label with a body of random base64 lines.</summary>
    public static string Pem(string label, int bodyLines = 8, int variant = 0)
    {
        var lines = Enumerable.Range(0, bodyLines).Select(i => Token("", i == bodyLines - 1 ? 28 : 64, Base64, variant * 100 + i));
        return $"-----BEGIN {label}-----\n{string.Join('\n', lines)}\n-----END {label}-----\n";
    }

    private static ulong Seed(string prefix, int length, string alphabet, int variant)
    {
        ulong hash = 1469598103934665603;
        foreach (var c in $"{prefix}|{length}|{alphabet}|{variant}")
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }

    // SplitMix64: tiny, deterministic, good enough spread for sample text (not for secrets).
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
