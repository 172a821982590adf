using System.Globalization;
using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// A blob over the size limit is skipped from the size in its object header, never inflated, and
/// counted in <c>skippedTooLarge</c>. To prove it is not inflated, the blob's compressed data is
/// damaged past its header: inflating it would fail the scan.
/// </summary>
public sealed class LargeBlobTests
{
    private const long Limit = 4096;

    private static readonly string Big = Sample.Token("", 64 * 1024, Sample.AlphaNumeric, 9);

    private static ScanResult Scan(TempGitRepository repo, ScanTarget target, string? range = null) =>
        new SecretScanner(new ScanSettings { Parallelism = 2, MaxFileSize = Limit })
            .Scan(new ScanRequest(repo.Path, target, range), new ScanCounters(), CancellationToken.None);

    private static long TooLarge(ScanResult result) => (long)Convert.ToDouble(result.Stats.Single(s => s.Name == "skippedTooLarge").Value, CultureInfo.InvariantCulture);

    private static (TempGitRepository Repo, string Blob) WithBigBlob()
    {
        var repo = new TempGitRepository();
        repo.Write("small.txt", "small\n").Commit("first");
        repo.Write("data/big.txt", Big).Commit("big");
        return (repo, repo.Git("rev-parse", "HEAD:data/big.txt").Trim());
    }

    /// <summary>Flips the last byte of a zlib stream (its Adler-32 checksum): the header still inflates, the whole does not.</summary>
    private static void DamageEnd(string file, long end)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = end - 1;
        var b = stream.ReadByte();
        stream.Position = end - 1;
        stream.WriteByte((byte)(b ^ 0xFF));
    }

    [Fact]
    public void A_loose_blob_over_the_limit_is_skipped_unread_and_counted_in_whole_history_and_range_scans()
    {
        // Arrange
        var (repo, blob) = WithBigBlob();
        using var _ = repo;
        var loose = Path.Combine(repo.Path, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(loose, FileAttributes.Normal);
        DamageEnd(loose, new FileInfo(loose).Length);

        // Act
        var history = Scan(repo, ScanTarget.History);
        var range = Scan(repo, ScanTarget.Range, "HEAD~1..HEAD");

        // Assert
        Assert.Equal(1, TooLarge(history));
        Assert.Equal(1, TooLarge(range));
        Assert.Contains(history.Notices, notice => notice.StartsWith("Skipped data/big.txt: larger than", StringComparison.Ordinal));
    }

    [Fact]
    public void A_packed_blob_over_the_limit_is_skipped_unread_and_counted()
    {
        // Arrange
        var (repo, blob) = WithBigBlob();
        using var _ = repo;
        repo.Git("gc", "-q");
        var index = Directory.GetFiles(Path.Combine(repo.Path, ".git", "objects", "pack"), "*.idx").Single();
        var entry = repo.Git("verify-pack", "-v", index).Split('\n').Single(line => line.StartsWith(blob, StringComparison.Ordinal));
        var fields = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (sizeInPack, offset) = (long.Parse(fields[3], CultureInfo.InvariantCulture), long.Parse(fields[4], CultureInfo.InvariantCulture));
        var pack = Path.ChangeExtension(index, ".pack");
        File.SetAttributes(pack, FileAttributes.Normal);
        DamageEnd(pack, offset + sizeInPack);

        // Act
        var history = Scan(repo, ScanTarget.History);

        // Assert
        Assert.Equal(1, TooLarge(history));
        Assert.Empty(history.Findings);
    }

    [Fact]
    public void A_blob_within_the_limit_is_still_read_so_damage_to_it_fails_the_scan()
    {
        // Arrange: the same damage to a blob under the limit is caught, so the tests above prove the skip.
        var (repo, blob) = WithBigBlob();
        using var _ = repo;
        var loose = Path.Combine(repo.Path, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(loose, FileAttributes.Normal);
        DamageEnd(loose, new FileInfo(loose).Length);

        // Act
        var error = Assert.Throws<InputException>(() => new SecretScanner(new ScanSettings { Parallelism = 2 })
            .Scan(new ScanRequest(repo.Path, ScanTarget.History), new ScanCounters(), CancellationToken.None));

        // Assert
        Assert.Contains(blob, error.Message, StringComparison.Ordinal);
    }
}
