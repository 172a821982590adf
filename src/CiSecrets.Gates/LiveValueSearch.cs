using System.Text;
using CiSecrets.Inventory;
using LibGit2Sharp;

namespace CiSecrets.Gates;

/// <summary>
/// Searches every blob reachable from any ref, each read once, for current secret values as written
/// and base64-encoded (the form a plaintext Kubernetes Secret manifest holds). Values shorter than
/// <see cref="ShortValueLength"/> characters would match by chance inside longer text, so they count
/// only as a whole token: the characters on both sides are not letters, digits, <c>_</c> or <c>-</c>.
/// Used by the live-values-in-history check and by <c>history plan</c>.
/// </summary>
public static class LiveValueSearch
{
    public const int ShortValueLength = 8;

    public static IReadOnlyList<LiveValueHit> Search(string repositoryRoot, IEnumerable<SecretValue> values, CancellationToken cancellationToken)
    {
        var needles = values
            .Where(s => s is { IsPresent: true, Value.Length: > 0 })
            .SelectMany(s =>
            {
                var wholeToken = s.Value!.Length < ShortValueLength;
                var raw = Encoding.UTF8.GetBytes(s.Value!);
                return new[] { new Needle(s.Secret.Name, raw, wholeToken), new Needle(s.Secret.Name, Encoding.UTF8.GetBytes(Convert.ToBase64String(raw)), wholeToken) };
            })
            .ToList();
        var hits = new List<LiveValueHit>();
        if (needles.Count == 0)
        {
            return hits;
        }

        using var repository = new Repository(repositoryRoot);
        var walk = new Walk(needles, hits);
        var commits = repository.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = repository.Refs.Where(r => r.ResolveToDirectReference()?.Target is Commit),
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        });
        foreach (var commit in commits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            walk.Tree(commit.Tree, "", commit.Sha);
        }

        return hits;
    }

    /// <summary>Whether <paramref name="needle"/> occurs in <paramref name="content"/> (as a whole token when asked).</summary>
    internal static bool Contains(ReadOnlySpan<byte> content, ReadOnlySpan<byte> needle, bool wholeToken)
    {
        var offset = 0;
        while (offset <= content.Length - needle.Length)
        {
            var index = content[offset..].IndexOf(needle);
            if (index < 0)
            {
                return false;
            }

            var start = offset + index;
            var end = start + needle.Length;
            if (!wholeToken || ((start == 0 || !IsTokenByte(content[start - 1])) && (end == content.Length || !IsTokenByte(content[end]))))
            {
                return true;
            }

            offset = start + 1;
        }

        return false;
    }

    private static bool IsTokenByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-';

    private sealed record Needle(string Name, byte[] Bytes, bool WholeToken);

    private sealed class Walk(List<Needle> needles, List<LiveValueHit> hits)
    {
        private readonly HashSet<ObjectId> _seenBlobs = [];
        private readonly HashSet<ObjectId> _seenTrees = [];
        private readonly HashSet<(string, string, string)> _found = [];

        public void Tree(Tree tree, string prefix, string commit)
        {
            // A tree seen before holds only blobs already read (oldest commit first, so the first sighting is reported).
            if (!_seenTrees.Add(tree.Id))
            {
                return;
            }

            foreach (var entry in tree)
            {
                var path = prefix + entry.Name;
                if (entry.Target is Tree subtree)
                {
                    Tree(subtree, path + "/", commit);
                }
                else if (entry.Target is Blob blob && _seenBlobs.Add(blob.Id))
                {
                    using var stream = blob.GetContentStream();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    var content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
                    foreach (var needle in needles)
                    {
                        if (Contains(content, needle.Bytes, needle.WholeToken) && _found.Add((needle.Name, commit, path)))
                        {
                            hits.Add(new LiveValueHit(needle.Name, commit, path, needle.WholeToken));
                        }
                    }
                }
            }
        }
    }
}
