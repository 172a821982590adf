using System.Security.Cryptography;
using System.Text;

namespace CiSecrets.Scanning.Suppression;

/// <summary>
/// The HMAC key a baseline's entries are made with. It is kept out of the baseline file: a committed
/// file that held its own key would let anyone test password guesses against its entries offline.
/// <see cref="Source"/> says where it came from (a variable, a key file), for messages; never the key.
/// </summary>
public sealed class BaselineKey
{
    /// <summary>The variable that holds the key (an Actions secret in CI); it wins over the key file.</summary>
    public const string Variable = "CISECRETS_BASELINE_KEY";

    /// <summary>The key file, relative to the repository root; <c>baseline create</c> writes it 0600 and gitignores it.</summary>
    public const string FileName = ".cisecrets/baseline.key";

    /// <summary>The least key material accepted: a key is random bytes, never a password.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _bytes;

    private BaselineKey(byte[] bytes, string source)
    {
        _bytes = bytes;
        Source = source;
    }

    public string Source { get; }

    /// <summary>
    /// A short public identifier of the key (an HMAC of a fixed label), stored in the baseline so that
    /// a wrong key is reported as such instead of silently suppressing nothing.
    /// </summary>
    public string Id => Convert.ToHexStringLower(HMACSHA256.HashData(_bytes, "cisecrets baseline key id"u8))[..16];

    public static BaselineKey Generate(string source) => new(RandomNumberGenerator.GetBytes(MinimumBytes), source);

    /// <summary>Base64 of at least <see cref="MinimumBytes"/> bytes (what <c>openssl rand -base64 32</c> prints).</summary>
    public static BaselineKey Parse(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InputException(source, $"the baseline key must be base64 of at least {MinimumBytes} random bytes (openssl rand -base64 32)");
        }

        return bytes.Length >= MinimumBytes
            ? new BaselineKey(bytes, source)
            : throw new InputException(source, $"the baseline key must be base64 of at least {MinimumBytes} random bytes (openssl rand -base64 32), not {bytes.Length}");
    }

    /// <summary>The key as it is stored in a key file or a variable.</summary>
    public string Export() => Convert.ToBase64String(_bytes);

    public string Hash(string secret) => Convert.ToHexStringLower(HMACSHA256.HashData(_bytes, Encoding.UTF8.GetBytes(secret)));
}
