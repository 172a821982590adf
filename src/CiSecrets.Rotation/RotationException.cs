namespace CiSecrets.Rotation;

/// <summary>
/// A rotation that could not finish: a push was rejected, GitHub refused a call, a branch holds
/// commits that are not ours. The message names the subject and the problem in one line, and says
/// what was cleaned up; it never holds a secret value.
/// </summary>
public sealed class RotationException(string subject, string problem, Exception? innerException = null)
    : Exception($"{subject}: {problem}", innerException)
{
    public string Subject { get; } = subject;

    public string Problem { get; } = problem;
}
