namespace CiSecrets.Build.Engine;

/// <summary>
/// A target failed for a reason the build can state in one line (a tool's exit code, a failed check).
/// The build stops, reports the message, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class TargetFailedException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode == 0 ? 1 : exitCode;
}

/// <summary>The command line or the target graph is wrong; nothing ran. Exit code 2.</summary>
public sealed class BuildUsageException(string message) : Exception(message);
