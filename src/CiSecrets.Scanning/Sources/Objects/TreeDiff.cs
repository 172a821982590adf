using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// Compares two trees the way libgit2's tree-to-tree diff does with type changes included and
/// no rename detection, in path order: subtrees with the same id are skipped unread, a file
/// that becomes a directory (or back) is a deletion and an addition, a file that becomes a
/// symlink or submodule is a type change.
/// </summary>
internal sealed class TreeDiff(Func<GitOid, RawTree> trees)
{
    /// <summary>What changed from <paramref name="oldTree"/> (null: the empty tree) to <paramref name="newTree"/>.</summary>
    public List<TreeChange> Compare(GitOid? oldTree, GitOid newTree)
    {
        var changes = new List<TreeChange>();
        Compare(oldTree is { } old ? trees(old) : null, trees(newTree), "", changes);
        return changes;
    }

    private void Compare(RawTree? oldTree, RawTree? newTree, string prefix, List<TreeChange> changes)
    {
        var olds = oldTree?.Entries() ?? [];
        var news = newTree?.Entries() ?? [];
        var i = 0;
        var j = 0;
        while (i < olds.Count || j < news.Count)
        {
            var order = i >= olds.Count ? 1 : j >= news.Count ? -1 : RawTree.Compare(oldTree!.Value, olds[i], newTree!.Value, news[j]);
            if (order < 0)
            {
                Removed(oldTree!.Value, olds[i++], prefix, changes);
            }
            else if (order > 0)
            {
                Added(newTree!.Value, news[j++], prefix, changes);
            }
            else
            {
                Both(oldTree!.Value, olds[i++], newTree!.Value, news[j++], prefix, changes);
            }
        }
    }

    private void Removed(RawTree tree, RawTree.Entry entry, string prefix, List<TreeChange> changes)
    {
        var path = prefix + tree.NameText(entry);
        if (entry.IsTree)
        {
            Compare(trees(tree.Id(entry)), null, path + "/", changes);
        }
        else
        {
            changes.Add(new TreeChange(ChangeKind.Deleted, path, Mode.Nonexistent, null, path, entry.Mode, tree.Id(entry).ToObjectId()));
        }
    }

    private void Added(RawTree tree, RawTree.Entry entry, string prefix, List<TreeChange> changes)
    {
        var path = prefix + tree.NameText(entry);
        if (entry.IsTree)
        {
            Compare(null, trees(tree.Id(entry)), path + "/", changes);
        }
        else
        {
            changes.Add(new TreeChange(ChangeKind.Added, path, entry.Mode, tree.Id(entry).ToObjectId(), path, Mode.Nonexistent, null));
        }
    }

    private void Both(RawTree oldTree, RawTree.Entry oldEntry, RawTree newTree, RawTree.Entry newEntry, string prefix, List<TreeChange> changes)
    {
        var sameId = oldTree.IdEquals(oldEntry, newTree, newEntry);
        if (sameId && oldEntry.Mode == newEntry.Mode)
        {
            return;
        }

        var path = prefix + newTree.NameText(newEntry);
        if (newEntry.IsTree)
        {
            Compare(trees(oldTree.Id(oldEntry)), trees(newTree.Id(newEntry)), path + "/", changes);
            return;
        }

        var status = Kind(oldEntry.Mode) == Kind(newEntry.Mode) ? ChangeKind.Modified : ChangeKind.TypeChanged;
        changes.Add(new TreeChange(status, path, newEntry.Mode, newTree.Id(newEntry).ToObjectId(), path, oldEntry.Mode, oldTree.Id(oldEntry).ToObjectId()));
    }

    /// <summary>The file type bits of a mode (git's S_IFMT): regular files of any permission are one kind.</summary>
    private static int Kind(Mode mode) => (int)mode & 0xF000;
}
