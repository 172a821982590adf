namespace CiSecrets.Rotation;

/// <summary>
/// Where a rotation runs: the checkout, the GitHub repository (<c>GITHUB_REPOSITORY</c>) behind
/// <c>GITHUB_API_URL</c>, the token for both the API and the push, and the remote to push to.
/// </summary>
public sealed record RotationOptions
{
    public required string RepositoryRoot { get; init; }
    public required RotationSelection Selection { get; init; }
    public required Uri ApiUrl { get; init; }
    public required string Repository { get; init; }
    public string? Token { get; init; }
    public string RemoteName { get; init; } = "origin";

    /// <summary>The first retry's delay; later ones grow exponentially (tests use milliseconds).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait for a GitHub rate limit; a longer one fails the run at once, saying so.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The clock behind the branch name, the commit time, rotation stamps, retry waits and
    /// <c>x-ratelimit-reset</c> (tests pass one that records the waits instead of sleeping).
    /// </summary>
    public required TimeProvider Time { get; init; }

    public override string ToString() => $"RotationOptions({Repository}, {Selection.Scope}, token {(string.IsNullOrEmpty(Token) ? "none" : Redaction.Mask)})";
}
