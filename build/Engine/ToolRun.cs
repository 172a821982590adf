namespace CiSecrets.Build.Engine;

/// <summary>What to do with a child process's standard output.</summary>
public enum OutputHandling
{
    /// <summary>The child writes straight to the build's console.</summary>
    Inherit,

    /// <summary>Read and thrown away; only the byte count is kept (a benchmark's consumer).</summary>
    Count,

    /// <summary>Each line goes to <see cref="ToolRun.OnLine"/>.</summary>
    Lines,
}

/// <summary>
/// One process to start: the program and its arguments (passed through <c>ArgumentList</c>, never joined
/// into a shell string) and how its streams are handled.
/// </summary>
public sealed record ToolRun(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public OutputHandling Output { get; init; } = OutputHandling.Inherit;

    public Action<string>? OnLine { get; init; }

    /// <summary>Keep standard error to ourselves (its last lines land in <see cref="ToolResult.StderrTail"/>) instead of echoing it.</summary>
    public bool CaptureStderr { get; init; }

    /// <summary>Poll <c>/proc/PID/status</c> for VmHWM until the child exits.</summary>
    public bool MeasurePeakMemory { get; init; }

    /// <summary>Writes the child's standard input; the pipe is closed when it returns.</summary>
    public Action<Stream>? Input { get; init; }

    public bool EchoCommand { get; init; } = true;

    /// <summary>Variables set for the child on top of the build's own environment (never echoed: they may hold keys).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The command as a person would type it, for logs only.</summary>
    public string Display => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,^".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>How a process ended and what was measured on the way.</summary>
public sealed record ToolResult(int ExitCode, TimeSpan Elapsed, long StdoutBytes, long? PeakMemoryBytes, IReadOnlyList<string> StderrTail);
