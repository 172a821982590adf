namespace CiSecrets.Inventory;

/// <summary>
/// How a new value is made. <see cref="Type"/> is one of <see cref="Types"/>; <see cref="Bytes"/> is
/// the entropy drawn (password, hex, base64, base64url), <see cref="Length"/> the character count
/// (custom); <see cref="Alphabet"/> holds the characters a value may contain.
/// </summary>
public sealed record SecretGenerator(string Type, int? Bytes, int? Length, string Alphabet)
{
    public const string PasswordType = "password";
    public const string HexType = "hex";
    public const string Base64Type = "base64";
    public const string Base64UrlType = "base64url";
    public const string CustomType = "custom";

    public static IReadOnlyList<string> Types { get; } = [PasswordType, HexType, Base64Type, Base64UrlType, CustomType];

    /// <summary>The generator a kind gets when the inventory names none.</summary>
    public static SecretGenerator? DefaultFor(SecretKind kind) => kind switch
    {
        SecretKind.Password => new(PasswordType, 32, null, Alphabets.DatabaseSafe),
        SecretKind.ApiKey => new(HexType, 64, null, Alphabets.Hex),
        SecretKind.Token => new(Base64UrlType, 32, null, Alphabets.Base64Url),
        SecretKind.SigningKey => new(Base64Type, 64, null, Alphabets.Base64),
        SecretKind.EncryptionKey => new(Base64Type, 32, null, Alphabets.Base64),
        _ => null,
    };

    /// <summary>The alphabet a generator type implies when none is given.</summary>
    public static string? DefaultAlphabet(string type) => type switch
    {
        PasswordType => Alphabets.DatabaseSafe,
        HexType => Alphabets.Hex,
        Base64Type => Alphabets.Base64,
        Base64UrlType => Alphabets.Base64Url,
        _ => null,
    };

    /// <summary>
    /// The characters a generated value has: <see cref="Length"/> for custom; for the byte-based
    /// types, what encoding <see cref="Bytes"/> of entropy takes (hex 2 per byte, base64 4 per 3,
    /// a password enough characters of its alphabet to carry the same entropy).
    /// </summary>
    public int ExpectedLength => (Type, Bytes, Length) switch
    {
        (_, _, { } length) => length,
        (HexType, { } bytes, _) => bytes * 2,
        (Base64Type, { } bytes, _) => (bytes + 2) / 3 * 4,
        (Base64UrlType, { } bytes, _) => (int)Math.Ceiling(bytes * 4 / 3.0),
        (_, { } bytes, _) => (int)Math.Ceiling(bytes * 8 / Math.Log2(Math.Max(2, Alphabet.Distinct().Count()))),
        _ => 0,
    };
}
