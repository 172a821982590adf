using CiSecrets.Testing;

namespace CiSecrets.Rotation.Tests;

/// <summary>Runs the rotation library against the shared <see cref="RotationFixture"/>, with tiny retry delays.</summary>
internal static class RotationFixtureExtensions
{
    public static RotationOptions Options(this RotationFixture fixture, RotationSelection selection, DateTimeOffset? now = null) => new()
    {
        RepositoryRoot = fixture.Work.Path,
        Selection = selection,
        ApiUrl = fixture.Server.Url,
        Repository = "acme/platform",
        Token = RotationFixture.Token,
        RetryDelay = TimeSpan.FromMilliseconds(5),
        Time = new RecordingTimeProvider(now ?? RotationFixture.Now),
    };

    public static Task<RotationResult> RotateAsync(this RotationFixture fixture, RotationSelection selection, DateTimeOffset? now = null) =>
        fixture.RotateAsync(fixture.Options(selection, now));

    public static Task<RotationResult> RotateAsync(this RotationFixture fixture, RotationOptions options) =>
        new SecretRotator(options, [fixture.Identity]).RunAsync(CancellationToken.None);
}
