using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// A partial clone (<c>git clone --filter=blob:limit=…</c>) leaves some blobs on its promisor remote.
/// Missing there is expected, not corruption: the scan reads what the clone holds and says what it left out.
/// </summary>
public sealed class PartialCloneTests
{
    [Fact]
    public void A_partial_clone_is_scanned_without_the_blobs_its_filter_left_out_and_says_so()
    {
        // Arrange: a small file with a token and a large one the clone's filter leaves behind.
        using var source = new TempGitRepository();
        source.Write("config/app.env", Sample.Join("token = ", Sample.Token("ghp_", 36, Sample.AlphaNumeric, 31), "\n"))
            .Write("data/large.txt", string.Concat(Enumerable.Repeat("plain line of data\n", 500)))
            .Commit("start");
        source.Git("config", "uploadpack.allowFilter", "true");
        using var clones = new TempDirectory();
        var clone = clones.Combine("partial.git");
        source.Git("clone", "-q", "--bare", "--filter=blob:limit=1k", "file://" + source.Path, clone);

        // Act
        var result = new SecretScanner(new ScanSettings { Parallelism = 2 })
            .Scan(new ScanRequest(clone, ScanTarget.History), new ScanCounters(), CancellationToken.None);

        // Assert
        var finding = Assert.Single(result.Findings);
        Assert.Equal("config/app.env", finding.Path);
        Assert.Contains(result.Warnings, warning => warning.Contains("partial clone: 1 blob(s)", StringComparison.Ordinal));
        Assert.Contains(result.Notices, notice => notice.StartsWith("Skipped data/large.txt:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blob_missing_from_a_full_clone_still_fails_closed()
    {
        // Arrange: the same missing blob, without a promisor pack, is corruption.
        using var repo = new TempGitRepository();
        repo.Write("a.txt", "hello\n").Commit("start");
        var blob = repo.Git("rev-parse", "HEAD:a.txt").Trim();
        File.Delete(Path.Combine(repo.Path, ".git", "objects", blob[..2], blob[2..]));

        // Act and assert
        var error = Assert.Throws<InputException>(() => new SecretScanner(new ScanSettings { Parallelism = 2 })
            .Scan(new ScanRequest(repo.Path, ScanTarget.History), new ScanCounters(), CancellationToken.None));
        Assert.Contains(blob, error.Message, StringComparison.Ordinal);
    }
}
