using CiSecrets.Scanning.Sources.Objects;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Sorts objects into the order they are stored in the repository's pack files. Reading blobs in
/// that order lets libgit2 resolve delta chains from its cache instead of from scratch: measured
/// 2.5 times faster than reading in commit order. Objects not in a pack (loose) keep their
/// relative order, after the packed ones.
/// </summary>
internal static class PackOrder
{
    public static IReadOnlyList<ObjectId> Sort(string gitDirectory, IReadOnlyCollection<ObjectId> objects)
    {
        var positions = new Dictionary<ObjectId, (int Pack, long Offset)>(objects.Count);
        var indexes = ObjectsDirectory.PackIndexes(ObjectsDirectory.Of(gitDirectory));
        for (var pack = 0; pack < indexes.Length; pack++)
        {
            PackIndex? index;
            try
            {
                index = PackIndex.TryLoad(indexes[pack]);
            }
            catch (IOException)
            {
                continue;
            }

            // An index we cannot read only costs speed, never correctness. Each wanted object is
            // looked up rather than every entry walked: a 20-commit range wants dozens of a pack's millions.
            foreach (var id in index is null ? [] : objects)
            {
                var entry = positions.ContainsKey(id) ? -1 : index!.Find(id.RawId);
                if (entry >= 0)
                {
                    positions[id] = (pack, index!.OffsetAt(entry));
                }
            }
        }

        return [.. objects
            .Select((id, i) => (Id: id, Key: positions.TryGetValue(id, out var p) ? (p.Pack, p.Offset) : (int.MaxValue, (long)i)))
            .OrderBy(item => item.Key.Item1)
            .ThenBy(item => item.Key.Item2)
            .Select(item => item.Id)];
    }
}
