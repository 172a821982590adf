using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// What the history sources share once each commit's introduced blobs are known: which paths
/// each blob must be scanned under, and which detections each commit added.
/// </summary>
internal static class IntroducedBlobPaths
{
    /// <summary>Every introduced blob with the distinct paths it appeared at (a file's detections can depend on its path).</summary>
    public static Dictionary<ObjectId, List<string>> Of(BlobChange[][] changes)
    {
        var pathsByBlob = new Dictionary<ObjectId, List<string>>();
        foreach (var change in changes.SelectMany(list => list))
        {
            if (!pathsByBlob.TryGetValue(change.Blob, out var paths))
            {
                pathsByBlob[change.Blob] = paths = [];
            }

            if (!paths.Contains(change.Path))
            {
                paths.Add(change.Path);
            }
        }

        return pathsByBlob;
    }

    /// <summary>The leaks each commit added: detections of its blobs that the blobs they replaced did not hold.</summary>
    public static IEnumerable<Leak> Attribute(string commit, BlobChange[] changes, Func<ObjectId, string, IReadOnlyList<Detection.Detection>> detections)
    {
        foreach (var change in changes)
        {
            var current = detections(change.Blob, change.Path);
            if (current.Count == 0)
            {
                continue;
            }

            var previous = change.Previous.Select(p => detections(p.Blob, p.Path));
            foreach (var added in Attribution.Added(current, previous))
            {
                yield return new Leak(added, change.Path, commit);
            }
        }
    }
}
