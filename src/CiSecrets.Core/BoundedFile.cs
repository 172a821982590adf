namespace CiSecrets;

/// <summary>
/// Reads a whole file, but never more than a limit: a repository can hold a link to <c>/dev/zero</c>, and a
/// variable can name one, where a plain read grows until the process runs out of memory.
/// </summary>
public static class BoundedFile
{
    /// <summary>
    /// The largest configuration file read from a repository (<c>.cisecrets.yaml</c>, whose inventory and scan
    /// sections are read by different capabilities, and the rotation log): hand-written files are a few KB.
    /// </summary>
    public const long MaxConfigurationBytes = 10 * 1024 * 1024;

    /// <summary>The bytes of <paramref name="path"/>; more than <paramref name="maxBytes"/> is an <see cref="InputException"/> naming it.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw TooLarge(path, maxBytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The text of a UTF-8 file (a byte-order mark dropped, as sops does), bounded as <see cref="ReadAllBytes"/>.</summary>
    public static string ReadAllText(string path, long maxBytes) =>
        Utf8Text.WithoutByteOrderMark(new System.Text.UTF8Encoding(false).GetString(ReadAllBytes(path, maxBytes)));

    /// <summary>All of <paramref name="reader"/>, or an <see cref="InputException"/> about <paramref name="subject"/> past <paramref name="maxChars"/> characters.</summary>
    public static async Task<string> ReadToEndAsync(TextReader reader, long maxChars, string subject, CancellationToken cancellationToken)
    {
        var builder = new System.Text.StringBuilder();
        var chunk = new char[64 * 1024];
        int read;
        while ((read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
        {
            builder.Append(chunk, 0, read);
            if (builder.Length > maxChars)
            {
                throw TooLarge(subject, maxChars);
            }
        }

        return builder.ToString();
    }

    private static InputException TooLarge(string subject, long max) =>
        new(subject, $"over the {SizeText(max)} limit (stopped reading there)");

    /// <summary>A size as people read it (MiB with one decimal, bytes below a MiB).</summary>
    public static string SizeText(long bytes) => bytes >= 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes} bytes");
}
