namespace CiSecrets;

/// <summary>
/// Bad input: a missing file, a malformed document, an unknown ref. The message is one line that
/// names the subject (a file, a ref, a repository) and the problem, and never a secret value.
/// </summary>
public sealed class InputException(string subject, string problem, Exception? innerException = null)
    : Exception($"{subject}: {problem}", innerException)
{
    /// <summary>The file, ref or repository the problem is about.</summary>
    public string Subject { get; } = subject;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
