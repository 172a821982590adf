using System.Text;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Turns file bytes into text to scan, or says why not: binary content (a NUL byte in the first
/// 8,000 bytes, git's own test) is skipped; UTF-16 with a byte-order mark is decoded; invalid
/// UTF-8 is decoded with replacement characters rather than rejected.
/// </summary>
public static class FileContent
{
    private const int BinaryProbeLength = 8000;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Decodes into <paramref name="characters"/> (at least as long as <paramref name="bytes"/>:
    /// no encoding here yields more characters than bytes), so a scan of gigabytes reuses one
    /// buffer instead of allocating a string per file.
    /// </summary>
    /// <returns>The number of characters written, or -1 for binary content.</returns>
    public static int Decode(ReadOnlySpan<byte> bytes, Span<char> characters)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return utf16.GetChars(bytes[2..], characters);
        }

        if (bytes[..Math.Min(bytes.Length, BinaryProbeLength)].Contains((byte)0))
        {
            return -1;
        }

        var start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return Utf8.GetChars(bytes[start..], characters);
    }
}
