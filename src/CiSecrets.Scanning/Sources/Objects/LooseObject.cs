using System.IO.Compression;
using System.Text;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// Reads a loose object: <c>objects/xx/yyyy…</c>, zlib-compressed <c>"&lt;type&gt; &lt;size&gt;\0"</c>
/// followed by the content (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects).
/// </summary>
internal static class LooseObject
{
    /// <summary>
    /// The object's type and size from its header, inflating only the header's few bytes; null
    /// when there is no such loose object.
    /// </summary>
    public static (GitObjectType Type, long Size)? TryReadHeader(string objectsDirectory, string id)
    {
        var path = Path.Combine(objectsDirectory, id[..2], id[2..]);
        if (!File.Exists(path))
        {
            return null;
        }

        // "blob 18446744073709551615\0" is the longest header there is.
        Span<byte> start = stackalloc byte[32];
        int length;
        try
        {
            using var file = File.OpenRead(path);
            using var inflater = new ZLibStream(file, CompressionMode.Decompress);
            length = inflater.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new CorruptObjectException(id, $"the loose object file does not inflate ({e.Message})", e);
        }

        var nul = start[..length].IndexOf((byte)0);
        var (type, size) = nul < 0 ? (GitObjectType.None, -1) : ParseHeader(Encoding.ASCII.GetString(start[..nul]));
        return type == GitObjectType.None || size < 0
            ? throw new CorruptObjectException(id, "the loose object file has a malformed header")
            : (type, size);
    }

    /// <summary>The object's type and content, or null when there is no such loose object.</summary>
    public static (GitObjectType Type, byte[] Content)? TryRead(string objectsDirectory, string id)
    {
        var path = Path.Combine(objectsDirectory, id[..2], id[2..]);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] raw;
        try
        {
            using var file = File.OpenRead(path);
            using var inflater = new ZLibStream(file, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            inflater.CopyTo(buffer);
            raw = buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new CorruptObjectException(id, $"the loose object file does not inflate ({e.Message})", e);
        }

        var nul = Array.IndexOf(raw, (byte)0);
        var (type, size) = ParseHeader(nul < 0 ? "" : Encoding.ASCII.GetString(raw, 0, nul));
        if (type == GitObjectType.None || size != raw.Length - nul - 1)
        {
            throw new CorruptObjectException(id, "the loose object file has a malformed header");
        }

        return (type, raw[(nul + 1)..]);
    }

    /// <summary>"&lt;type&gt; &lt;size&gt;"; None and -1 when it is not that.</summary>
    private static (GitObjectType Type, long Size) ParseHeader(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var type = space < 0 ? GitObjectType.None : header[..space] switch
        {
            "commit" => GitObjectType.Commit,
            "tree" => GitObjectType.Tree,
            "blob" => GitObjectType.Blob,
            "tag" => GitObjectType.Tag,
            _ => GitObjectType.None,
        };
        return type != GitObjectType.None && long.TryParse(header.AsSpan(space + 1), out var size) && size >= 0 ? (type, size) : (GitObjectType.None, -1);
    }
}
