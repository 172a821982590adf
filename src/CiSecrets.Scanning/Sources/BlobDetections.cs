using System.Collections.Concurrent;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// The detections of each (blob, path), computed once: a blob that stays in a file for a thousand
/// commits is read and scanned once. Shared by the workers; each reads through its own repository.
/// </summary>
internal sealed class BlobDetections(TextScanner scanner, string repositoryPath)
{
    private readonly ConcurrentDictionary<(ObjectId Blob, string Path), IReadOnlyList<Detection.Detection>> _cache = new();

    public IReadOnlyList<Detection.Detection> Get(Repository repository, ObjectId blob, string path)
    {
        var key = (blob, path);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Two workers may rarely scan the same blob at once; both get the same answer, so no lock.
        var detections = Read(repository, blob, path);
        _cache.TryAdd(key, detections);
        return detections;
    }

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
