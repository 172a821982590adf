using CiSecrets.Testing;

namespace CiSecrets.Rotation.Tests;

/// <summary>
/// The push with <c>GITHUB_TOKEN</c> over git's smart HTTP protocol, against the bare origin served
/// by <c>git http-backend</c> on 127.0.0.1. The server demands basic authentication, as GitHub does,
/// so these tests see exactly what LibGit2Sharp sends. The origin is <c>http://</c>, not
/// <c>https://</c>: TLS would need a certificate the test trusts, and libgit2 hands the same
/// credentials to both transports (the token travels only inside the TLS stream on GitHub).
/// </summary>
public sealed class GitHttpPushTests
{
    private const string Branch = "cisecrets/rotate-2026-11-23";

    [Fact(Timeout = 90_000)]
    public async Task The_push_over_http_sends_the_token_as_basic_auth_for_x_access_token()
    {
        // Arrange
        using var fixture = new RotationFixture();
        using var origin = new LoopbackGitHttpServer(fixture.Origin.Path, RotationFixture.Token);
        fixture.Work.Git("remote", "set-url", "origin", origin.RepositoryUrl.ToString());

        // Act
        var result = await fixture.RotateAsync(RotationSelection.Named(["jwt_secret"]));

        // Assert: the branch reached the bare repository through the HTTP server.
        Assert.Equal(Branch, result.Branch);
        Assert.Contains(Branch, fixture.OriginBranches());
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", $"{Branch}^").Trim());

        // The pack was sent to receive-pack with the token as the password of x-access-token, and
        // every request that carried credentials carried exactly those.
        var expected = LoopbackGitHttpServer.BasicAuthorization(RotationFixture.Token);
        Assert.Contains(origin.Requests, r => r is { Method: "POST" } && r.PathAndQuery.EndsWith("/git-receive-pack", StringComparison.Ordinal) && r.Authorization == expected);
        Assert.All(origin.Requests.Where(r => r.Authorization is not null), r => Assert.Equal(expected, r.Authorization));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_refused_token_fails_the_rotation_without_the_token_in_the_message()
    {
        // Arrange: the server accepts another token; ours is sent and refused.
        using var fixture = new RotationFixture();
        using var origin = new LoopbackGitHttpServer(fixture.Origin.Path, "the-token-the-server-wants");
        fixture.Work.Git("remote", "set-url", "origin", origin.RepositoryUrl.ToString());

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => fixture.RotateAsync(RotationSelection.Named(["jwt_secret"])));

        // Assert: our token did reach the server (so its absence below means something), and
        // neither the message nor any inner exception holds it.
        Assert.Contains(origin.Requests, r => r.Authorization == LoopbackGitHttpServer.BasicAuthorization(RotationFixture.Token));
        Assert.StartsWith("origin: could not list the branches of the remote", error.Message, StringComparison.Ordinal);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(RotationFixture.Token, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(LoopbackGitHttpServer.BasicAuthorization(RotationFixture.Token)[6..], e.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(["main"], fixture.OriginBranches());
        Assert.Empty(fixture.Server.PullRequests);
    }
}
