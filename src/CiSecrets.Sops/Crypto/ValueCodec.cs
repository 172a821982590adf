using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// How a typed plaintext value becomes bytes (for encryption and for the MAC, sops' <c>ToBytes</c>)
/// and how decrypted bytes are typed again (sops' <c>Cipher.Decrypt</c>).
/// https://github.com/getsops/sops/blob/main/aes/cipher.go
/// </summary>
internal static class ValueCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static byte[] ToBytes(SopsScalar scalar) => scalar.Kind switch
    {
        ScalarKind.String => Encoding.UTF8.GetBytes((string)scalar.Value!),
        ScalarKind.Bytes => (byte[])scalar.Value!,
        ScalarKind.Int => Encoding.ASCII.GetBytes(GoFormat.FormatInt((long)scalar.Value!)),
        ScalarKind.Float => Encoding.ASCII.GetBytes(GoFormat.FormatFloatF((double)scalar.Value!)),
        ScalarKind.Bool => Encoding.ASCII.GetBytes(GoFormat.FormatBoolTitle((bool)scalar.Value!)),
        ScalarKind.Time => Encoding.ASCII.GetBytes(GoFormat.FormatTime((DateTimeOffset)scalar.Value!, scalar.ExtraNanoseconds)),
        _ => [],
    };

    public static string TypeName(ScalarKind kind) => kind switch
    {
        ScalarKind.String or ScalarKind.Bytes => "str",
        ScalarKind.Int => "int",
        ScalarKind.Float => "float",
        ScalarKind.Bool => "bool",
        ScalarKind.Time => "time",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "null values are never encrypted"),
    };

    /// <summary>Types decrypted bytes; null with a reason when the type is unknown or the text does not parse.</summary>
    public static SopsScalar? Decode(byte[] plaintext, string type, out string? problem)
    {
        problem = null;
        switch (type)
        {
            case "str":
                return AsText(plaintext);
            case "bytes":
                return new SopsScalar(ScalarKind.Bytes, plaintext);
        }

        var text = Encoding.UTF8.GetString(plaintext);
        switch (type)
        {
            case "int" when GoFormat.TryParseInt(text, out var i):
                return SopsScalar.Of(i);
            case "float" when GoFormat.TryParseFloat(text, out var f):
                return SopsScalar.Of(f);
            case "bool" when GoFormat.TryParseBool(text, out var b):
                return SopsScalar.Of(b);
            case "time" when GoFormat.TryParseRfc3339(text, out var t, out var extra):
                return new SopsScalar(ScalarKind.Time, t) { ExtraNanoseconds = extra };
            case "int" or "float" or "bool" or "time":
                problem = $"decrypted value is not a valid {type}";
                return null;
            default:
                problem = $"unknown value type '{type}'";
                return null;
        }
    }

    /// <summary>A string when the bytes are UTF-8, else a byte string (binary data is kept byte-exact).</summary>
    public static SopsScalar AsText(byte[] bytes)
    {
        try
        {
            return SopsScalar.Of(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return new SopsScalar(ScalarKind.Bytes, bytes);
        }
    }
}
