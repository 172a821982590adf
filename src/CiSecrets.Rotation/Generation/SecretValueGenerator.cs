using System.Security.Cryptography;
using CiSecrets.Inventory;

namespace CiSecrets.Rotation.Generation;

/// <summary>
/// Makes new secret values the way the inventory's <see cref="SecretGenerator"/> says. Byte-based
/// types (hex, base64, base64url) encode fresh random bytes; passwords and custom generators draw
/// characters uniformly (<see cref="UniformRandom"/>). A new value never equals the old one.
/// </summary>
public static class SecretValueGenerator
{
    public static string Generate(SecretGenerator generator, string? previous = null)
    {
        // Equal values are astronomically unlikely for real sizes; the loop makes it a guarantee
        // (and a tiny custom alphabet, where it is likely, still gets a different value).
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var value = GenerateOnce(generator);
            if (!string.Equals(value, previous, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"the {generator.Type} generator keeps producing the old value; its alphabet or length is too small");
    }

    /// <summary>The entropy of a generated value in bits: what a guesser has to search.</summary>
    public static double EntropyBits(SecretGenerator generator) => generator.Type switch
    {
        SecretGenerator.HexType or SecretGenerator.Base64Type or SecretGenerator.Base64UrlType => Bytes(generator) * 8.0,
        _ => CharacterCount(generator) * Math.Log2(Alphabet(generator).Length),
    };

    /// <summary>How many characters a password or custom value has: given, else enough to carry the requested bytes of entropy.</summary>
    public static int CharacterCount(SecretGenerator generator) => generator switch
    {
        { Length: { } length } => length,
        { Type: SecretGenerator.HexType or SecretGenerator.Base64Type or SecretGenerator.Base64UrlType } => generator.ExpectedLength,
        _ => (int)Math.Ceiling(Bytes(generator) * 8 / Math.Log2(Alphabet(generator).Length)),
    };

    private static string GenerateOnce(SecretGenerator generator)
    {
        switch (generator.Type)
        {
            case SecretGenerator.HexType when generator.Length is null:
                return Encode(Bytes(generator), Convert.ToHexStringLower);
            case SecretGenerator.Base64Type when generator.Length is null:
                return Encode(Bytes(generator), Convert.ToBase64String);
            case SecretGenerator.Base64UrlType when generator.Length is null:
                return Encode(Bytes(generator), bytes => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            default:
                return UniformRandom.Choose(Alphabet(generator), CharacterCount(generator));
        }
    }

    private static string Encode(int count, Func<byte[], string> encode)
    {
        var bytes = RandomNumberGenerator.GetBytes(count);
        try
        {
            return encode(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static int Bytes(SecretGenerator generator) =>
        generator.Bytes is > 0 and <= 4096 ? generator.Bytes.Value
        : generator.Bytes is null ? 32
        : throw new InvalidOperationException($"a {generator.Type} generator needs 1 to 4096 bytes, not {generator.Bytes}");

    /// <summary>The distinct characters to draw from, in their given order (a repeated character would be drawn twice as often).</summary>
    private static string Alphabet(SecretGenerator generator)
    {
        var distinct = new string([.. generator.Alphabet.Distinct()]);
        return distinct.Length >= 2 ? distinct : throw new InvalidOperationException($"a {generator.Type} generator needs an alphabet of at least two characters");
    }
}
