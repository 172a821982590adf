namespace CiSecrets.Inventory;

/// <summary>The named character sets a generator draws from and the strength check holds values to.</summary>
public static class Alphabets
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    public const string Alphanumeric = Upper + Lower + Digits;

    /// <summary>
    /// Letters, digits and URL-unreserved punctuation: no <c>/ + = @ : ? # %</c> or quotes, so the
    /// value can sit in a connection string, a URL or a shell line without escaping.
    /// </summary>
    public const string DatabaseSafe = Alphanumeric + "-_.~";

    public const string Hex = Digits + "abcdef";

    public const string Base64 = Upper + Lower + Digits + "+/=";

    public const string Base64Url = Upper + Lower + Digits + "-_";

    public const string Numeric = Digits;

    private static readonly (string Name, string Characters)[] Named =
    [
        ("database-safe", DatabaseSafe),
        ("alphanumeric", Alphanumeric),
        ("hex", Hex),
        ("base64", Base64),
        ("base64url", Base64Url),
        ("numeric", Numeric),
    ];

    public static IEnumerable<string> Names => Named.Select(n => n.Name);

    /// <summary>The characters of a named alphabet, or null when the name is not one.</summary>
    public static string? Find(string name) => Named.Where(n => n.Name == name).Select(n => n.Characters).FirstOrDefault();

    /// <summary>The name of a known alphabet, else the characters themselves (for messages and status).</summary>
    public static string Describe(string characters) =>
        Named.Where(n => n.Characters == characters).Select(n => n.Name).FirstOrDefault() ?? $"custom ({characters.Length} characters)";
}
