using System.Collections.Concurrent;

namespace CiSecrets.Scanning.Sources;

/// <summary>Thread-safe counters of a running scan, read by the progress display and the final stats.</summary>
public sealed class ScanCounters
{
    private const int MaxListedSkips = 20;

    private long _commits;
    private long _blobs;
    private long _bytes;
    private readonly ConcurrentDictionary<SkipReason, long> _skipped = new();
    private readonly ConcurrentDictionary<string, SkipReason> _skippedPaths = new(StringComparer.Ordinal);

    public long Commits => Interlocked.Read(ref _commits);
    public long Blobs => Interlocked.Read(ref _blobs);
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The total number of commits to visit, when known (for progress).</summary>
    public long CommitsTotal { get; set; }

    public void CommitDone() => Interlocked.Increment(ref _commits);

    public void BlobScanned(long bytes)
    {
        Interlocked.Increment(ref _blobs);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Skipped(SkipReason reason, string path)
    {
        _skipped.AddOrUpdate(reason, 1, (_, n) => n + 1);
        if (reason is not (SkipReason.Allowlisted or SkipReason.Binary) && _skippedPaths.Count < MaxListedSkips)
        {
            _skippedPaths.TryAdd(path, reason);
        }
    }

    public long SkippedCount(SkipReason reason) => _skipped.GetValueOrDefault(reason);

    /// <summary>Up to twenty skipped paths with their reasons, for the report's notices.</summary>
    public IEnumerable<(string Path, SkipReason Reason)> SkippedPaths =>
        _skippedPaths.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value));
}
