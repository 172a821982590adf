using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>End to end: real repositories built with git, scanned through the real command tree.</summary>
public sealed class ScanHistoryTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_leak_added_and_deleted_in_the_next_commit_is_found_once_at_the_commit_that_added_it()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("app/config.ini", "[app]\nname = demo\n").Commit("init");
        var leaking = repo.Write("app/config.ini", "[app]\nname = demo\n" + AwsLine()).Commit("add key");
        repo.Write("app/config.ini", "[app]\nname = demo\n").Commit("remove key");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        Assert.Equal(1, run.ExitCode);
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("aws-access-token", finding.Field("ruleId"));
        Assert.Equal(leaking, finding.Field("commit"));
        Assert.Equal("app/config.ini", finding.Field("path"));
        Assert.Equal("3", finding.Field("line"));
        Assert.Equal("21", finding.Field("column"));
        Assert.Equal("Test Author", finding.Field("author"));
        Assert.Equal($"{leaking}:app/config.ini:aws-access-token:3", finding.Field("fingerprint"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_secret_that_stays_in_a_file_for_many_commits_is_one_finding()
    {
        // Arrange
        using var repo = new TempGitRepository();
        var leaking = repo.Write("settings.ini", AwsLine()).Commit("add");
        for (var i = 0; i < 30; i++)
        {
            repo.Write("settings.ini", AwsLine() + $"counter = {i}\n").Commit($"edit {i}");
        }

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal(leaking, finding.Field("commit"));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_same_secret_added_in_two_files_is_two_findings_and_a_moved_file_is_not_reported_again()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("a.ini", AwsLine()).Write("b.ini", AwsLine()).Commit("two files");
        repo.Git("mv", "a.ini", "moved.ini");
        repo.Commit("move");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var paths = Findings(run.Output).Select(f => f.Field("path")).Order().ToList();
        Assert.Equal(["a.ini", "b.ini"], paths);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_leak_on_an_unmerged_branch_is_found()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("readme.txt", "hello\n").Commit("init");
        repo.Git("checkout", "-q", "-b", "feature/unmerged");
        var leaking = repo.Write("deploy.sh", $"export GITHUB_TOKEN={GitHubToken()}\n").Commit("leak on a branch");
        repo.Git("checkout", "-q", "main");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("github-pat", finding.Field("ruleId"));
        Assert.Equal(leaking, finding.Field("commit"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_secret_that_first_appears_in_a_merge_conflict_resolution_is_reported_at_the_merge()
    {
        // Arrange: both branches change the same line; the resolution adds a key neither parent had.
        using var repo = new TempGitRepository();
        repo.Write("app.ini", "mode = base\n").Commit("init");
        repo.Git("checkout", "-q", "-b", "other");
        repo.Write("app.ini", "mode = other\n").Commit("other");
        repo.Git("checkout", "-q", "main");
        repo.Write("app.ini", "mode = main\n").Commit("main");
        try
        {
            repo.Git("merge", "-q", "other");
        }
        catch (InvalidOperationException)
        {
            // The conflict is the point.
        }

        repo.Write("app.ini", "mode = merged\n" + AwsLine());
        var merge = repo.Commit("resolve");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal(merge, finding.Field("commit"));
        Assert.Equal("2", finding.Field("line"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_range_scan_reports_the_leak_inside_the_range_and_not_the_one_before_it()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("old.ini", AwsLine(1)).Commit("old leak");
        var @base = repo.Write("readme.txt", "base\n").Commit("base");
        repo.Git("checkout", "-q", "-b", "pr");
        repo.Write("readme.txt", "change\n").Commit("pr 1");
        var inside = repo.Write("new.ini", AwsLine(2)).Commit("pr 2");
        repo.Write("readme.txt", "change again\n").Commit("pr 3");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--range", $"{@base}..pr", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal(inside, finding.Field("commit"));
        Assert.Equal("new.ini", finding.Field("path"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_staged_leak_is_reported_without_a_commit_and_committed_leaks_are_not()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("committed.ini", AwsLine(1)).Commit("already committed");
        repo.Write("staged.ini", "x = 1\n" + AwsLine(2));
        repo.Git("add", "staged.ini");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--staged", "--format", "json");

        // Assert
        Assert.Equal(1, run.ExitCode);
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("staged.ini", finding.Field("path"));
        Assert.Equal("2", finding.Field("line"));
        Assert.Equal("", finding.Field("commit"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_clean_repository_exits_zero()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("src/app.py", "print('hello')\n").Commit("init");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 findings", run.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_folder_is_scanned_without_git_and_reports_no_commit()
    {
        // Arrange
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("dist"));
        File.WriteAllText(folder.Combine("dist", "bundle.js"), $"var t=\"{GitHubToken(3)}\";");

        // Act
        var run = await CliRunner.RunAsync(folder.Path, "scan", folder.Path, "--no-git", "--format", "json");

        // Assert
        var finding = Assert.Single(Findings(run.Output));
        Assert.Equal("dist/bundle.js", finding.Field("path"));
        Assert.Equal("", finding.Field("commit"));
        Assert.Equal("dist/bundle.js:github-pat:1", finding.Field("fingerprint"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_shallow_clone_is_reported_as_a_warning_with_the_fetch_hint()
    {
        // Arrange
        using var origin = new TempGitRepository();
        for (var i = 0; i < 3; i++)
        {
            origin.Write("file.txt", $"v{i}\n").Commit($"c{i}");
        }

        using var clones = new TempDirectory();
        origin.Git("clone", "-q", "--depth", "1", $"file://{origin.Path}", clones.Combine("shallow"));

        // Act
        var run = await CliRunner.RunAsync(clones.Path, "scan", clones.Combine("shallow"));

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("shallow clone", run.Output);
        Assert.Contains("fetch-depth: 0", run.Output);
    }
}
