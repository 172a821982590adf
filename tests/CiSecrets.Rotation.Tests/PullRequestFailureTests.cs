using CiSecrets.Testing;

namespace CiSecrets.Rotation.Tests;

/// <summary>What a rotation leaves behind when GitHub refuses part of it, or when its branch vanished.</summary>
public sealed class PullRequestFailureTests
{
    private const string Branch = "cisecrets/rotate-2026-11-23";

    [Theory(Timeout = 90_000)]
    [InlineData(502, 5)]
    [InlineData(422, 1)]
    public async Task A_refused_update_of_the_open_pull_request_is_reported_and_the_commit_stays_on_its_branch(int status, int attempts)
    {
        // Arrange: a first run opened the pull request; the second cannot refresh it.
        using var fixture = new RotationFixture();
        await fixture.RotateAsync(RotationSelection.Named(["postgres_password"]));
        var firstTip = fixture.Origin.Git("rev-parse", Branch).Trim();
        var bodyBefore = fixture.Server.PullRequests.Single().Body;
        fixture.Server.FailNext("PATCH", "/repos/acme/platform/pulls/1", status, times: 10, message: "cannot update");

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => fixture.RotateAsync(RotationSelection.Named(["stack_api_key"]), RotationFixture.Now.AddDays(1)));

        // Assert: reported with the status, retried only when it is a server error.
        Assert.Contains($"GitHub refused to update pull request #1 ({status})", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the new commit stays on '{Branch}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(attempts, fixture.Server.Requests.Count(r => r is { Method: "PATCH", Path: "/repos/acme/platform/pulls/1" }));

        // The documented state: the branch has the new rotation commit on top of the first (the pull
        // request shows it), the body is as it was, main and the checkout are untouched, no second pull request.
        Assert.Equal(firstTip, fixture.Origin.Git("rev-parse", $"{Branch}^").Trim());
        Assert.Contains("CiSecrets-Rotated: stack_api_key", fixture.Origin.Git("log", "-1", "--format=%B", Branch), StringComparison.Ordinal);
        var pull = Assert.Single(fixture.Server.PullRequests);
        Assert.Equal(bodyBefore, pull.Body);
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", "main").Trim());
        Assert.Equal(fixture.InitialMain, fixture.Work.Head());
        Assert.Equal("", fixture.Work.Git("status", "--porcelain"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Refused_labels_leave_the_pull_request_standing_with_a_warning()
    {
        // Arrange
        using var fixture = new RotationFixture();
        fixture.Server.FailNext("POST", "/repos/acme/platform/issues/1/labels", 422, message: "Label does not exist");

        // Act
        var result = await fixture.RotateAsync(RotationSelection.Named(["jwt_secret"]));

        // Assert
        Assert.Equal(PullRequestOperation.Created, result.Operation);
        Assert.Equal(1, result.PullRequest!.Number);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("GitHub refused to label pull request #1 (422)", warning, StringComparison.Ordinal);
        Assert.Contains("Label does not exist", warning, StringComparison.Ordinal);
        var pull = Assert.Single(fixture.Server.PullRequests);
        Assert.Empty(pull.Labels);
        Assert.Equal(["octocat"], pull.Reviewers);
        Assert.Contains(Branch, fixture.OriginBranches());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_rotation_branch_deleted_on_origin_is_recreated_from_main_for_the_open_pull_request()
    {
        // Arrange: the branch of the open pull request is deleted on origin between runs.
        using var fixture = new RotationFixture();
        await fixture.RotateAsync(RotationSelection.Named(["postgres_password"]));
        fixture.Origin.Git("branch", "-D", Branch);

        // Act
        var result = await fixture.RotateAsync(RotationSelection.Named(["stack_api_key"]), RotationFixture.Now.AddDays(1));

        // Assert: same branch name, one commit on main, the open pull request refreshed with what is on it now.
        Assert.Equal(PullRequestOperation.Updated, result.Operation);
        Assert.Equal(Branch, result.Branch);
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", $"{Branch}^").Trim());
        var pull = Assert.Single(fixture.Server.PullRequests);
        Assert.Contains("stack_api_key", pull.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("postgres_password", pull.Body, StringComparison.Ordinal);
        var values = fixture.Decrypt(fixture.OriginFile(Branch, RotationFixture.Bundle)!, "b").ToFlatDictionary();
        Assert.Equal(fixture.OldValues["postgres_password"], values["postgres.password"]);
        Assert.NotEqual(fixture.OldValues["stack_api_key"], values["stack.api_key"]);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_rotation_branch_deleted_with_its_pull_request_closed_is_recreated_with_a_new_pull_request()
    {
        // Arrange: the pull request was closed and its branch deleted, the same day.
        using var fixture = new RotationFixture();
        await fixture.RotateAsync(RotationSelection.Named(["postgres_password"]));
        fixture.Server.PullRequests.Single().State = "closed";
        fixture.Origin.Git("branch", "-D", Branch);

        // Act
        var result = await fixture.RotateAsync(RotationSelection.Named(["stack_api_key"]));

        // Assert
        Assert.Equal(PullRequestOperation.Created, result.Operation);
        Assert.Equal(2, result.PullRequest!.Number);
        Assert.Equal(Branch, fixture.Server.PullRequests[1].Head);
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", $"{Branch}^").Trim());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_open_pull_request_from_a_prefix_branch_without_the_rotation_label_is_not_taken_over()
    {
        // Arrange: someone's pull request from a branch that matches the prefix, without the label.
        using var fixture = new RotationFixture();
        var theirs = new FakePullRequest { Number = 1, Head = "cisecrets/rotate-by-hand", Base = "main", Title = "My own rotation", Body = "by hand" };
        fixture.Server.PullRequests.Add(theirs);

        // Act
        var result = await fixture.RotateAsync(RotationSelection.Named(["jwt_secret"]));

        // Assert: a pull request of our own; theirs is neither updated nor labelled.
        Assert.Equal(PullRequestOperation.Created, result.Operation);
        Assert.Equal(2, result.PullRequest!.Number);
        Assert.Equal(Branch, result.Branch);
        Assert.DoesNotContain(fixture.Server.Requests, r => r.Path.StartsWith("/repos/acme/platform/pulls/1", StringComparison.Ordinal) || r.Path.StartsWith("/repos/acme/platform/issues/1", StringComparison.Ordinal));
        Assert.Equal(("My own rotation", "by hand"), (theirs.Title, theirs.Body));
        Assert.Empty(theirs.Labels);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rotation_waits_the_retry_after_of_a_429_on_the_clock_it_is_given()
    {
        // Arrange
        using var fixture = new RotationFixture();
        var clock = new RecordingTimeProvider(RotationFixture.Now);
        fixture.Server.FailNext("POST", "/repos/acme/platform/pulls", 429, message: "Too Many Requests", headers: new Dictionary<string, string> { ["Retry-After"] = "42" });

        // Act
        var result = await fixture.RotateAsync(fixture.Options(RotationSelection.Named(["jwt_secret"])) with { Time = clock });

        // Assert
        Assert.Equal(PullRequestOperation.Created, result.Operation);
        Assert.Single(fixture.Server.PullRequests);
        Assert.Equal([TimeSpan.FromSeconds(42)], clock.Waits);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_plain_403_on_opening_the_pull_request_is_not_retried_and_the_pushed_branch_is_deleted()
    {
        // Arrange
        using var fixture = new RotationFixture();
        var clock = new RecordingTimeProvider(RotationFixture.Now);
        fixture.Server.FailNext("POST", "/repos/acme/platform/pulls", 403, message: "GitHub Actions is not permitted to create or approve pull requests.");

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => fixture.RotateAsync(fixture.Options(RotationSelection.Named(["jwt_secret"])) with { Time = clock }));

        // Assert
        Assert.Contains("(403): GitHub Actions is not permitted to create or approve pull requests. (allow it under Settings", error.Message, StringComparison.Ordinal);
        Assert.Contains("deleted again", error.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Server.Requests, r => r is { Method: "POST", Path: "/repos/acme/platform/pulls" });
        Assert.Empty(clock.Waits);
        Assert.Equal(["main"], fixture.OriginBranches());
    }
}
