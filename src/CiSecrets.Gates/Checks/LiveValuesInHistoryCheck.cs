using System.Text;
using LibGit2Sharp;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// No current secret value appears in plaintext anywhere in git history: every blob reachable from
/// any ref is read once and searched for each decrypted value, as written and base64-encoded (the
/// form a plaintext Kubernetes Secret manifest holds). Reports the secret, the commit and the path,
/// never the value.
/// </summary>
internal sealed class LiveValuesInHistoryCheck : IGateCheck
{
    /// <summary>Shorter values match by chance; they fail secret-strength anyway.</summary>
    private const int MinimumSearchedLength = 8;

    public string Name => "live-values-in-history";

    public string Description => "No current secret value appears in plaintext (or base64) anywhere in git history";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (values, reason) = context.Values;
        if (values is null)
        {
            return Task.FromResult(CheckResult.Skipped(reason!));
        }

        var needles = values.Secrets
            .Where(s => s.IsPresent && s.Value!.Length >= MinimumSearchedLength)
            .SelectMany(s => new[]
            {
                (s.Secret.Name, Bytes: Encoding.UTF8.GetBytes(s.Value!)),
                (s.Secret.Name, Bytes: Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(s.Value!)))),
            })
            .ToList();
        var hits = Search(context.RepositoryRoot, needles, cancellationToken);
        var problems = hits.Select(h => $"{h.Name} is in commit {h.Commit[..7]} {h.Path}").ToList();
        return Task.FromResult(CheckResult.FailIfAny(problems, $"{needles.Count / 2} value(s) searched in every blob of the history: none found"));
    }

    private static List<(string Name, string Commit, string Path)> Search(string root, List<(string Name, byte[] Bytes)> needles, CancellationToken cancellationToken)
    {
        var hits = new List<(string Name, string Commit, string Path)>();
        if (needles.Count == 0)
        {
            return hits;
        }

        using var repository = new Repository(root);
        var seenBlobs = new HashSet<ObjectId>();
        var seenTrees = new HashSet<ObjectId>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var commits = repository.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = repository.Refs.Where(r => r.ResolveToDirectReference()?.Target is Commit),
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        });
        foreach (var commit in commits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Walk(commit.Tree, "", commit.Sha, needles, seenBlobs, seenTrees, found, hits);
        }

        return hits;
    }

    private static void Walk(
        Tree tree,
        string prefix,
        string commit,
        List<(string Name, byte[] Bytes)> needles,
        HashSet<ObjectId> seenBlobs,
        HashSet<ObjectId> seenTrees,
        HashSet<string> found,
        List<(string Name, string Commit, string Path)> hits)
    {
        // A tree seen before holds only blobs already read (oldest commit first, so the first sighting is reported).
        if (!seenTrees.Add(tree.Id))
        {
            return;
        }

        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.Target is Tree subtree)
            {
                Walk(subtree, path + "/", commit, needles, seenBlobs, seenTrees, found, hits);
            }
            else if (entry.Target is Blob blob && seenBlobs.Add(blob.Id))
            {
                using var stream = blob.GetContentStream();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
                foreach (var (name, bytes) in needles)
                {
                    if (content.IndexOf(bytes) >= 0 && found.Add($"{name}\n{commit}\n{path}"))
                    {
                        hits.Add((name, commit, path));
                    }
                }
            }
        }
    }
}
