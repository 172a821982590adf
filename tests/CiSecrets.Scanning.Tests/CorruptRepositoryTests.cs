using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// A repository the scanner cannot read completely fails closed: whole-history (the pack reader),
/// range and staged (libgit2) scans stop with one line naming what is unreadable, never
/// "no commits" and zero findings.
/// </summary>
public sealed class CorruptRepositoryTests
{
    private static TempGitRepository TwoCommits()
    {
        var repo = new TempGitRepository();
        repo.Write("a.txt", "one\n").Commit("first");
        repo.Write("b.txt", "two\n").Commit("second");
        return repo;
    }

    private static string LoosePath(TempGitRepository repo, string id) => Path.Combine(repo.Path, ".git", "objects", id[..2], id[2..]);

    private static InputException ScanFails(TempGitRepository repo, ScanTarget target, string? range = null) =>
        Assert.Throws<InputException>(() => new SecretScanner(new ScanSettings { Parallelism = 2 })
            .Scan(new ScanRequest(repo.Path, target, range), new ScanCounters(), CancellationToken.None));

    [Theory]
    [InlineData(ScanTarget.History)]
    [InlineData(ScanTarget.Range)]
    public void Scan_of_a_repository_whose_head_commit_object_is_deleted_fails_closed_naming_the_commit(ScanTarget target)
    {
        // Arrange
        using var repo = TwoCommits();
        var head = repo.Head();
        var first = repo.Git("rev-parse", "HEAD~1").Trim();
        File.Delete(LoosePath(repo, head));

        // Act
        var error = ScanFails(repo, target, $"{first}..{head}");

        // Assert
        Assert.Contains(head, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_of_a_repository_whose_root_tree_is_missing_fails_closed_naming_the_tree()
    {
        // Arrange
        using var repo = TwoCommits();
        var tree = repo.Git("rev-parse", "HEAD^{tree}").Trim();
        File.Delete(LoosePath(repo, tree));

        // Act
        var history = ScanFails(repo, ScanTarget.History);
        var range = ScanFails(repo, ScanTarget.Range, "HEAD~1..HEAD");
        var staged = ScanFails(repo, ScanTarget.Staged);

        // Assert
        Assert.Contains(tree, history.Message, StringComparison.Ordinal);
        Assert.Contains(tree, range.Message, StringComparison.Ordinal);
        Assert.Contains(tree, staged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_of_a_repository_with_a_ref_pointing_at_a_missing_object_fails_closed_naming_the_ref()
    {
        // Arrange: git update-ref refuses a missing object, so the ref is written as git stores it.
        using var repo = TwoCommits();
        var missing = new string('7', 40);
        File.WriteAllText(Path.Combine(repo.Path, ".git", "refs", "heads", "ghost"), missing + "\n");

        // Act
        var error = ScanFails(repo, ScanTarget.History);

        // Assert
        Assert.Contains("refs/heads/ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_of_a_repository_with_a_truncated_pack_fails_closed_naming_the_pack()
    {
        // Arrange
        using var repo = TwoCommits();
        repo.Git("gc", "-q");
        var pack = Directory.GetFiles(Path.Combine(repo.Path, ".git", "objects", "pack"), "*.pack").Single();
        using (var file = new FileStream(pack, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length / 2);
        }

        // Act
        var error = ScanFails(repo, ScanTarget.History);

        // Assert
        Assert.Contains(Path.GetFileName(pack), error.Message, StringComparison.Ordinal);
    }
}
