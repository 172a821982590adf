using System.Text.RegularExpressions;

namespace CiSecrets.Sops;

/// <summary>
/// One <c>ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]</c> string, parsed.
/// https://github.com/getsops/sops/blob/main/aes/cipher.go
/// </summary>
internal sealed partial record EncryptedValue(byte[] Data, byte[] Iv, byte[] Tag, string Type)
{
    /// <summary>True when the text looks like an encrypted value at all (sops' regex, no end anchor).</summary>
    public static bool LooksEncrypted(string text) => text.StartsWith("ENC[", StringComparison.Ordinal);

    /// <summary>Parses, or returns the reason it cannot.</summary>
    public static EncryptedValue? TryParse(string text, out string? problem)
    {
        problem = null;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            problem = text.StartsWith("ENC[", StringComparison.Ordinal) && !text.StartsWith("ENC[AES256_GCM,", StringComparison.Ordinal)
                ? "unknown cipher in encrypted value (only AES256_GCM is supported)"
                : "value does not match sops' encrypted format ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]";
            return null;
        }

        var data = Base64(match.Groups["data"].Value);
        var iv = Base64(match.Groups["iv"].Value);
        var tag = Base64(match.Groups["tag"].Value);
        if (data is null || iv is null || tag is null)
        {
            problem = "encrypted value holds invalid base64";
            return null;
        }

        if (tag.Length != 16)
        {
            problem = $"encrypted value has a {tag.Length}-byte tag, expected 16";
            return null;
        }

        if (iv.Length == 0)
        {
            problem = "encrypted value has an empty IV";
            return null;
        }

        return new EncryptedValue(data, iv, tag, match.Groups["type"].Value);
    }

    private static byte[]? Base64(string text)
    {
        // Go's StdEncoding skips CR and LF inside the input.
        var cleaned = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (cleaned.Length % 4 != 0)
        {
            return null;
        }

        var buffer = new byte[cleaned.Length];
        return Convert.TryFromBase64String(cleaned, buffer, out var written) ? buffer[..written] : null;
    }

    public string Format() =>
        $"ENC[AES256_GCM,data:{Convert.ToBase64String(Data)},iv:{Convert.ToBase64String(Iv)},tag:{Convert.ToBase64String(Tag)},type:{Type}]";

    public override string ToString() => $"ENC[AES256_GCM,type:{Type}]";

    [GeneratedRegex(@"^ENC\[AES256_GCM,data:(?<data>.+),iv:(?<iv>.+),tag:(?<tag>.+),type:(?<type>.+)\]")]
    private static partial Regex Pattern();
}
