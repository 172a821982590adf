using System.Buffers;
using CiSecrets.Scanning.Detection;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Applies the per-file policy shared by every source (allowlisted paths, the size limit,
/// binary content) and runs the detector on what remains.
/// </summary>
public sealed class TextScanner(Detector detector, long maxFileSize, ScanCounters counters)
{
    public Detector Detector { get; } = detector;

    public ScanCounters Counters { get; } = counters;

    /// <summary>Files larger than this many bytes are skipped unread (counted as too large).</summary>
    public long MaxFileSize => maxFileSize;

    /// <summary>False when the path itself is not to be scanned (counted as skipped).</summary>
    public bool ShouldRead(string path, long size)
    {
        if (Detector.Allowlist.AllowsPath(path))
        {
            Counters.Skipped(SkipReason.Allowlisted, path);
            return false;
        }

        if (size > maxFileSize)
        {
            Counters.Skipped(SkipReason.TooLarge, path);
            return false;
        }

        return true;
    }

    /// <summary>Detections in a file's content, read from <paramref name="open"/> only when the policy admits it.</summary>
    public IReadOnlyList<Detection.Detection> Scan(string path, long size, Func<Stream> open)
    {
        if (!ShouldRead(path, size))
        {
            return [];
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
        try
        {
            int read;
            using (var stream = open())
            {
                read = stream.ReadAtLeast(buffer.AsSpan(0, (int)size), (int)size, throwOnEndOfStream: false);
            }

            return Detect(path, buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Detections in a file's content already in memory, when the policy admits it.</summary>
    public IReadOnlyList<Detection.Detection> Scan(string path, ReadOnlySpan<byte> content) =>
        ShouldRead(path, content.Length) ? Detect(path, content) : [];

    private IReadOnlyList<Detection.Detection> Detect(string path, ReadOnlySpan<byte> content)
    {
        var characters = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 1));
        try
        {
            var length = FileContent.Decode(content, characters);
            if (length < 0)
            {
                Counters.Skipped(SkipReason.Binary, path);
                return [];
            }

            Counters.BlobScanned(content.Length);
            return Detector.Detect(path, characters.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(characters);
        }
    }
}
