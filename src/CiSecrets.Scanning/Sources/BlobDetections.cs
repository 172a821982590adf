using System.Collections.Concurrent;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// The detections of each (blob, path), computed once: a blob that stays in a file for a thousand
/// commits is read and scanned once. Shared by the workers.
/// </summary>
internal sealed class BlobDetections(TextScanner scanner, string repositoryPath)
{
    private readonly ConcurrentDictionary<(ObjectId Blob, string Path), IReadOnlyList<Detection.Detection>> _cache = new();

    /// <summary>Records what a blob's content at a path holds, scanned by the caller.</summary>
    public void Add(ObjectId blob, string path, IReadOnlyList<Detection.Detection> detections) => _cache.TryAdd((blob, path), detections);

    public IReadOnlyList<Detection.Detection> Get(ObjectId blob, string path, Func<IReadOnlyList<Detection.Detection>> read)
    {
        if (_cache.TryGetValue((blob, path), out var cached))
        {
            return cached;
        }

        // Two workers may rarely scan the same blob at once; both get the same answer, so no lock.
        var detections = read();
        _cache.TryAdd((blob, path), detections);
        return detections;
    }

    /// <summary>The detections, read through <paramref name="repository"/> (one handle per worker) when not yet known.</summary>
    public IReadOnlyList<Detection.Detection> Get(Repository repository, ObjectId blob, string path) =>
        Get(blob, path, () => Read(repository, blob, path));

    private IReadOnlyList<Detection.Detection> Read(Repository repository, ObjectId blob, string path)
    {
        try
        {
            if (!scanner.ShouldRead(path, 0))
            {
                return [];
            }

            var size = repository.ObjectDatabase.RetrieveObjectMetadata(blob).Size;
            return scanner.Scan(path, size, () => repository.Lookup<Blob>(blob).GetContentStream());
        }
        catch (LibGit2SharpException e)
        {
            throw GitErrors.UnreadableObject(repositoryPath, blob, path, e);
        }
    }
}
