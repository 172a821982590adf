using System.Globalization;
using CiSecrets.Rotation.GitHub;
using CiSecrets.Testing;

namespace CiSecrets.Rotation.Tests;

/// <summary>
/// Rate limits and refusals from the loopback GitHub API, through the real Octokit client and retry
/// pipeline. The clock records waits instead of sleeping, so a Retry-After of seconds costs nothing.
/// </summary>
public sealed class GitHubRateLimitTests
{
    private const string Repository = "/repos/acme/platform";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture);

    [Fact(Timeout = 30_000)]
    public async Task A_429_with_retry_after_is_retried_after_the_seconds_github_asked_for()
    {
        // Arrange
        using var server = new LoopbackGitHubServer("acme", "platform");
        server.FailNext("GET", Repository, 429, message: "Too Many Requests", headers: new Dictionary<string, string> { ["Retry-After"] = "7" });
        var (client, clock) = Client(server);

        // Act
        var branch = await client.DefaultBranchAsync(CancellationToken.None);

        // Assert
        Assert.Equal("main", branch);
        Assert.Equal(2, server.Requests.Count(r => r is { Method: "GET", Path: Repository }));
        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Waits);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_secondary_rate_limit_403_with_retry_after_is_retried_after_that_wait()
    {
        // Arrange
        using var server = new LoopbackGitHubServer("acme", "platform");
        server.FailNext("POST", $"{Repository}/pulls", 403, message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            headers: new Dictionary<string, string> { ["Retry-After"] = "3" });
        var (client, clock) = Client(server);

        // Act
        var pull = await client.CreateAsync("Rotate", "body", "cisecrets/rotate-2026-11-23", "main", CancellationToken.None);

        // Assert: retried once, after 3 s, and only one pull request exists.
        Assert.Equal(1, pull.Number);
        Assert.Single(server.PullRequests);
        Assert.Equal(2, server.Requests.Count(r => r is { Method: "POST", Path: $"{Repository}/pulls" }));
        Assert.Equal([TimeSpan.FromSeconds(3)], clock.Waits);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_403_with_no_requests_remaining_waits_until_x_ratelimit_reset()
    {
        // Arrange
        using var server = new LoopbackGitHubServer("acme", "platform");
        var reset = Now.AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        server.FailNext("GET", $"{Repository}/pulls", 403, message: "API rate limit exceeded for installation ID 1.",
            headers: new Dictionary<string, string> { ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset, ["X-RateLimit-Limit"] = "5000" });
        var (client, clock) = Client(server);

        // Act
        var open = await client.FindOpenRotationAsync("main", "cisecrets/rotate-", [], CancellationToken.None);

        // Assert
        Assert.Null(open);
        Assert.Equal(2, server.Requests.Count(r => r is { Method: "GET", Path: $"{Repository}/pulls" }));
        Assert.Equal([TimeSpan.FromSeconds(20)], clock.Waits);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rate_limit_asking_for_longer_than_the_cap_fails_at_once_saying_how_long()
    {
        // Arrange
        using var server = new LoopbackGitHubServer("acme", "platform");
        server.FailNext("GET", Repository, 429, message: "Too Many Requests", headers: new Dictionary<string, string> { ["Retry-After"] = "3600" });
        var (client, clock) = Client(server, maxWait: TimeSpan.FromSeconds(60));

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => client.DefaultBranchAsync(CancellationToken.None));

        // Assert: one request, no wait, and the message says why.
        Assert.Single(server.Requests);
        Assert.Empty(clock.Waits);
        Assert.Contains("(429)", error.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub asks to wait 3600s, longer than the 60s a run waits", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_plain_403_is_reported_as_it_is_and_not_retried()
    {
        // Arrange
        using var server = new LoopbackGitHubServer("acme", "platform");
        server.FailNext("POST", $"{Repository}/pulls", 403, message: "Resource not accessible by integration");
        var (client, clock) = Client(server);

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => client.CreateAsync("Rotate", "body", "cisecrets/rotate-2026-11-23", "main", CancellationToken.None));

        // Assert
        Assert.Single(server.Requests);
        Assert.Empty(clock.Waits);
        Assert.Empty(server.PullRequests);
        Assert.Equal("acme/platform: GitHub refused to open the pull request (403): Resource not accessible by integration", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Server_errors_back_off_and_give_up_after_the_retries_naming_the_status()
    {
        // Arrange
        using var server = new LoopbackGitHubServer("acme", "platform");
        server.FailNext("GET", Repository, 503, times: 10);
        var (client, clock) = Client(server);

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => client.DefaultBranchAsync(CancellationToken.None));

        // Assert: the first try and four retries, each after a backoff.
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(4, clock.Waits.Count);
        Assert.Contains("(503)", error.Message, StringComparison.Ordinal);
    }

    private static (GitHubRepositoryClient, RecordingTimeProvider) Client(LoopbackGitHubServer server, TimeSpan? maxWait = null)
    {
        var clock = new RecordingTimeProvider(Now);
        var retry = new GitHubRetry(TimeSpan.FromMilliseconds(50), maxWait ?? TimeSpan.FromSeconds(60), clock);
        return (new GitHubRepositoryClient(server.Url, "acme/platform", RotationFixture.Token, retry), clock);
    }
}
