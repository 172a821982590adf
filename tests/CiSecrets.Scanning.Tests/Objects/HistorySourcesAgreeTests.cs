using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Tests.Objects;

/// <summary>
/// The whole-history scan reads the object store itself; the range scan goes through libgit2.
/// On one history with every kind of change (edits, deletions, moves, a conflict resolved in a
/// merge, an unmerged branch, symlinks, a submodule, a mode change, a file that becomes a
/// folder) both must attribute the same leaks to the same commits, packed or loose.
/// </summary>
public sealed class HistorySourcesAgreeTests
{
    private static string Leak(int variant) => $"token = {Sample.Token("ghp_", 36, Sample.AlphaNumeric, variant)}\n";

    private static TempGitRepository History()
    {
        var repo = new TempGitRepository();
        repo.Write("a.txt", "first\n" + Leak(1)).Write("b.cfg", "plain settings\n").Write("dir/x.env", Leak(2)).Commit("start");
        repo.Write("a.txt", "first\n" + Leak(1) + Leak(3)).Delete("dir/x.env").Commit("edit and delete");
        repo.Git("mv", "b.cfg", "c.cfg");
        File.CreateSymbolicLink(Path.Combine(repo.Path, "link"), "a.txt");
        repo.Commit("move and link");

        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("feature.txt", Leak(4)).Write("a.txt", "feature side\n" + Leak(1) + Leak(3)).Commit("feature work");
        repo.Git("checkout", "-q", "main");
        repo.Write("a.txt", "main side\n" + Leak(1) + Leak(3)).Commit("main work");
        try
        {
            repo.Git("merge", "-q", "feature");
        }
        catch (InvalidOperationException)
        {
            // The conflict is the point: its resolution brings a leak of its own.
        }

        repo.Write("a.txt", "resolved\n" + Leak(1) + Leak(3) + Leak(5)).Commit("merge feature");

        repo.Write("run.sh", "#!/bin/sh\n" + Leak(6)).Commit("script");
        repo.Git("update-index", "--chmod=+x", "run.sh");
        repo.Commit("make it executable");
        repo.Write("thing", Leak(7)).Commit("thing as a file");
        repo.Delete("thing").Write("thing/inner.txt", Leak(7)).Commit("thing as a folder");
        repo.Git("update-index", "--add", "--cacheinfo", $"160000,{repo.Head()},vendor/sub");
        repo.Git("commit", "-q", "-m", "submodule");

        repo.Git("checkout", "-q", "-b", "stale", "HEAD~3");
        repo.Write("stale.txt", Leak(8)).Commit("never merged");
        repo.Git("checkout", "-q", "main");
        return repo;
    }

    private static (List<string> Leaks, long Symlinks, long Submodules) FullScan(string path)
    {
        var counters = new ScanCounters();
        var result = new SecretScanner(new ScanSettings { Parallelism = 2 }).Scan(new ScanRequest(path, ScanTarget.History), counters, CancellationToken.None);
        return (Describe(result.Leaks), counters.SkippedCount(SkipReason.Symlink), counters.SkippedCount(SkipReason.Submodule));
    }

    private static (List<string> Leaks, long Symlinks, long Submodules) ThroughLibgit2(string path)
    {
        using var repository = new Repository(path);
        var counters = new ScanCounters();
        var text = new TextScanner(new Detector(BuiltInRules.All, ScanAllowlist.Default), ScanSettings.DefaultMaxFileSize, counters);
        var leaks = new GitHistorySource(text, repository.Info.Path, 2).Scan(CommitSelection.All(repository), CancellationToken.None);
        return (Describe(leaks), counters.SkippedCount(SkipReason.Symlink), counters.SkippedCount(SkipReason.Submodule));
    }

    private static List<string> Describe(IEnumerable<Sources.Leak> leaks) =>
        [.. leaks.Select(leak => $"{leak.Commit} {leak.Path}:{leak.Detection.Line} {leak.Detection.Rule.Id}")];

    [Fact]
    public void Loose_packed_and_libgit2_scans_report_the_same_leaks_at_the_same_commits()
    {
        using var repo = History();
        var loose = FullScan(repo.Path);
        repo.Git("repack", "-adfq");
        repo.Git("prune-packed");
        var reachable = repo.Git("rev-list", "--all", "--objects").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..40]).ToList();
        Assert.DoesNotContain(reachable, id => File.Exists(Path.Combine(repo.Path, ".git", "objects", id[..2], id[2..])));

        var packed = FullScan(repo.Path);
        var libgit2 = ThroughLibgit2(repo.Path);

        Assert.Equal(libgit2.Leaks, packed.Leaks);
        Assert.Equal(libgit2.Leaks, loose.Leaks);
        Assert.Equal((libgit2.Symlinks, libgit2.Submodules), (packed.Symlinks, packed.Submodules));
        Assert.True(libgit2.Symlinks > 0 && libgit2.Submodules > 0, "the history has a symlink and a submodule");

        // Each secret once, where it entered: the merge's resolution is where 5 entered, and the
        // folder that replaced the file "thing" only moved 7.
        var github = packed.Leaks.Where(l => l.EndsWith(" github-pat", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        string[] expected = ["a.txt:2", "a.txt:3", "a.txt:4", "dir/x.env:1", "feature.txt:1", "run.sh:2", "stale.txt:1", "thing:1"];
        Assert.Equal(expected, github.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_history_partly_packed_and_partly_loose_is_read_whole()
    {
        using var repo = History();
        repo.Git("repack", "-adq");
        repo.Write("late.txt", Leak(9)).Commit("after the repack");

        var mixed = FullScan(repo.Path);

        Assert.Equal(ThroughLibgit2(repo.Path).Leaks, mixed.Leaks);
        Assert.Contains(mixed.Leaks, l => l.Contains(" late.txt:1 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_pack_is_one_input_error_naming_the_repository()
    {
        using var repo = History();
        repo.Git("repack", "-adfq");
        repo.Git("prune-packed");
        var pack = Directory.GetFiles(Path.Combine(repo.Path, ".git", "objects", "pack"), "*.pack").Single();
        var bytes = File.ReadAllBytes(pack);
        Array.Fill(bytes, (byte)0x42, bytes.Length / 2, Math.Min(256, bytes.Length / 4));
        File.WriteAllBytes(pack, bytes);

        var error = Assert.Throws<InputException>(() => FullScan(repo.Path));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_linked_worktree_is_read_from_the_objects_it_shares()
    {
        using var repo = History();
        repo.Git("repack", "-adq");
        using var worktreeParent = new TempDirectory("cisecrets-worktree");
        var worktree = Path.Combine(worktreeParent.Path, "wt");
        repo.Git("worktree", "add", "-q", "-b", "side", worktree);

        var fromWorktree = FullScan(worktree);

        Assert.Equal(FullScan(repo.Path).Leaks, fromWorktree.Leaks);
        Assert.NotEmpty(fromWorktree.Leaks);
    }
}
