using System.Text;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>Bad input gets one clear line naming the subject and the problem, exit code 2, never a stack trace.</summary>
public sealed class BadInputTests
{
    [Fact(Timeout = 120_000)]
    public async Task Not_a_repository_unknown_refs_and_bad_ranges_are_one_line_errors()
    {
        // Arrange
        using var folder = new TempDirectory();
        using var repo = new TempGitRepository();
        repo.Write("a.txt", "a\n").Commit("init");

        // Act
        var notRepo = await CliRunner.RunAsync(folder.Path, "scan", folder.Path);
        var missing = await CliRunner.RunAsync(folder.Path, "scan", folder.Combine("nope"));
        var unknownRef = await CliRunner.RunAsync(repo.Path, "scan", ".", "--range", "main..no-such-branch");
        var threeDots = await CliRunner.RunAsync(repo.Path, "scan", ".", "--range", "main...HEAD");
        var notARange = await CliRunner.RunAsync(repo.Path, "scan", ".", "--range", "main");
        var conflicting = await CliRunner.RunAsync(repo.Path, "scan", ".", "--staged", "--no-git");
        var badFormat = await CliRunner.RunAsync(repo.Path, "scan", ".", "--format", "xml");

        // Assert
        AssertOneLineError(notRepo, "not a git repository");
        AssertOneLineError(missing, "no such file or directory");
        AssertOneLineError(unknownRef, "no-such-branch");
        AssertOneLineError(threeDots, "three-dot");
        AssertOneLineError(notARange, "BASE..HEAD");
        AssertOneLineError(conflicting, "exclude each other");
        Assert.Equal(2, badFormat.ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_corrupt_object_is_reported_with_the_repository_and_exit_code_two()
    {
        // Arrange: overwrite the blob's loose object with garbage.
        using var repo = new TempGitRepository();
        repo.Write("data.txt", "some content that will be corrupted\n").Commit("init");
        var blob = repo.Git("rev-parse", "HEAD:data.txt").Trim();
        var objectFile = Path.Combine(repo.Path, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(objectFile, FileAttributes.Normal);
        File.WriteAllBytes(objectFile, Encoding.ASCII.GetBytes("this is not zlib data"));

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".");

        // Assert
        AssertOneLineError(run, "corrupt");
    }

    [Fact(Timeout = 120_000)]
    public async Task An_empty_repository_is_clean_and_says_there_is_nothing_to_scan()
    {
        // Arrange
        using var repo = new TempGitRepository();

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no commits", run.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_malformed_configuration_names_the_file_and_line()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".cisecrets.yaml", "scan:\n  allowlist:\n    pathz: [a]\n").Commit("bad config");
        using var other = new TempGitRepository();
        other.Write(".cisecrets.yaml", "scan: [unclosed\n").Commit("broken yaml");

        // Act
        var unknownKey = await CliRunner.RunAsync(repo.Path, "scan", ".");
        var broken = await CliRunner.RunAsync(other.Path, "scan", ".");

        // Assert
        AssertOneLineError(unknownKey, ".cisecrets.yaml: line 3: unknown key 'pathz'");
        AssertOneLineError(broken, "malformed YAML");
    }

    [Fact(Timeout = 120_000)]
    public async Task Binary_files_huge_minified_lines_invalid_utf8_and_oversized_files_are_handled()
    {
        // Arrange
        using var repo = new TempGitRepository();
        var binary = new byte[4096];
        binary[100] = 0;
        Encoding.ASCII.GetBytes(AwsKeyId(1)).CopyTo(binary, 200);
        File.WriteAllBytes(Path.Combine(repo.Path, "image.bin"), binary);
        var minified = new StringBuilder();
        for (var i = 0; minified.Length < 1_500_000; i++)
        {
            minified.Append(CultureInfoFree($"var a{i}=function(b){{return b+{i}}};"));
        }

        minified.Append($"var k=\"{GitHubToken(2)}\";");
        repo.Write("dist/app.min.js", minified.ToString());
        var invalid = new List<byte>(Encoding.ASCII.GetBytes("x = 1\n"));
        invalid.AddRange([0xC3, 0x28, 0xFF, (byte)'\n']);
        invalid.AddRange(Encoding.ASCII.GetBytes(AwsLine(3)));
        File.WriteAllBytes(Path.Combine(repo.Path, "latin.ini"), [.. invalid]);
        repo.Write("big/dump.ini", new string('#', 3 * 1048576) + "\n" + AwsLine(4));
        repo.Commit("awkward files");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".", "--max-file-size", "2", "--format", "json");

        // Assert
        Assert.Equal(1, run.ExitCode);
        var found = Findings(run.Output).Select(f => (f.Field("path"), f.Field("ruleId"), f.Field("line"))).Order().ToList();
        Assert.Equal([("dist/app.min.js", "github-pat", "1"), ("latin.ini", "aws-access-token", "3")], found);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(1, json.RootElement.GetProperty("stats").GetProperty("skippedBinary").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("stats").GetProperty("skippedTooLarge").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("big/dump.ini", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Symlinks_and_submodules_are_not_followed_and_are_reported()
    {
        // Arrange
        using var library = new TempGitRepository();
        library.Write("lib.ini", AwsLine(5)).Commit("library with a leak");
        using var repo = new TempGitRepository();
        repo.Write("readme.txt", "x\n").Commit("init");
        repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Path, "vendor/lib");
        File.CreateSymbolicLink(Path.Combine(repo.Path, "link.ini"), "/etc/hostname");
        repo.Commit("submodule and symlink");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "scan", ".");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("vendor/lib: a submodule", run.Output);
        Assert.Contains("link.ini: a symbolic link", run.Output);
    }

    private static void AssertOneLineError(CliRun run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("cisecrets: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.All);
    }

    private static string CultureInfoFree(FormattableString text) => FormattableString.Invariant(text);
}
