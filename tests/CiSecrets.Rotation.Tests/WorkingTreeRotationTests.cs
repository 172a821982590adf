using CiSecrets.Inventory;
using CiSecrets.Sops;
using CiSecrets.Testing;

namespace CiSecrets.Rotation.Tests;

public sealed class WorkingTreeRotationTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_local_rotation_rewrites_the_bundle_and_the_log_in_the_working_tree_and_commits_nothing()
    {
        // Arrange
        using var fixture = new RotationFixture();
        var bundlePath = Path.Combine(fixture.Work.Path, RotationFixture.Bundle);
        var manifestsBefore = await File.ReadAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.KubernetesBundle), TestContext.Current.CancellationToken);

        // Act
        var result = await Rotator(fixture, RotationSelection.Named(["postgres_password"])).RunAsync(CancellationToken.None);

        // Assert: the new value is in the working tree's bundle, with a valid MAC; the others kept theirs.
        var values = fixture.Decrypt(await File.ReadAllTextAsync(bundlePath, TestContext.Current.CancellationToken), RotationFixture.Bundle);
        Assert.Equal(MacStatus.Verified, values.MacStatus);
        var flat = values.ToFlatDictionary();
        Assert.NotEqual(fixture.OldValues["postgres_password"], flat["postgres.password"]);
        Assert.Equal(fixture.OldValues["stack_api_key"], flat["stack.api_key"]);
        Assert.Equal(manifestsBefore, await File.ReadAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.KubernetesBundle), TestContext.Current.CancellationToken));
        Assert.Equal("2026-11-23T10:00:00Z", RotationLog.Load(fixture.Work.Path).LastRotated("postgres_password")?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        // Exactly the bundle and the log changed; no commit, no branch, no push, no GitHub call; no temporary file left.
        Assert.Equal([$" M {RotationFixture.Bundle}", $"?? {RotationLog.FileName}"], fixture.Work.Git("status", "--porcelain").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(fixture.InitialMain, fixture.Work.Head());
        Assert.Equal("main", fixture.Work.Git("branch", "--format=%(refname:short)").Trim());
        Assert.Equal(["main"], fixture.OriginBranches());
        Assert.Empty(fixture.Server.Requests);
        Assert.Equal(["postgres_password"], result.Rotated);
        Assert.Equal([RotationLog.FileName, RotationFixture.Bundle], result.WrittenFiles.Order(StringComparer.Ordinal));
        Assert.Null(result.PullRequest);
        Assert.DoesNotContain(flat["postgres.password"], result.ToString() + RotationSummary.ResultText(result), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bundle_with_uncommitted_changes_is_refused_and_nothing_is_written()
    {
        // Arrange: an unfinished edit to the bundle (a comment line, so it still parses).
        using var fixture = new RotationFixture();
        var bundlePath = Path.Combine(fixture.Work.Path, RotationFixture.Bundle);
        await File.AppendAllTextAsync(bundlePath, "# an unfinished edit\n", TestContext.Current.CancellationToken);
        var edited = await File.ReadAllTextAsync(bundlePath, TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => Rotator(fixture, RotationSelection.All).RunAsync(CancellationToken.None));

        // Assert
        Assert.Equal(RotationFixture.Bundle, error.Subject);
        Assert.Contains("changes that are not committed", error.Message, StringComparison.Ordinal);
        Assert.Equal(edited, await File.ReadAllTextAsync(bundlePath, TestContext.Current.CancellationToken));
        Assert.Equal([$" M {RotationFixture.Bundle}"], fixture.Work.Git("status", "--porcelain").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_dirty_bundle_that_is_not_rotated_does_not_block_a_rotation_of_another()
    {
        // Arrange
        using var fixture = new RotationFixture();
        await File.AppendAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.KubernetesBundle), "# an unfinished edit\n", TestContext.Current.CancellationToken);

        // Act
        var result = await Rotator(fixture, RotationSelection.Named(["jwt_secret"])).RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["jwt_secret"], result.Rotated);
        Assert.Contains($" M {RotationFixture.Bundle}", fixture.Work.Git("status", "--porcelain"), StringComparison.Ordinal);
    }

    private static WorkingTreeRotator Rotator(RotationFixture fixture, RotationSelection selection) =>
        new(fixture.Work.Path, selection, [fixture.Identity], RotationFixture.Now);
}
