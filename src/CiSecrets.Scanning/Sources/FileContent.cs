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

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            text = (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes[2..]);
            return true;
        }

        if (bytes[..Math.Min(bytes.Length, BinaryProbeLength)].Contains((byte)0))
        {
            text = "";
            return false;
        }

        var start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        text = Utf8.GetString(bytes[start..]);
        return true;
    }
}
