using CiSecrets.Reporting.GitHubActions;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>::add-mask::</c> workflow commands, so that GitHub Actions replaces secret values with <c>***</c> in the
/// job log (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#masking-a-value-in-a-log).
/// A mask must be registered before the value can appear anywhere, and a multi-line value only masks line by
/// line, so each non-blank line is masked on its own.
/// </summary>
internal static class ActionsMasks
{
    /// <summary>The mask commands for <paramref name="values"/>, one per distinct non-blank line.</summary>
    public static IEnumerable<string> Commands(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split('\n'))
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Trim().Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(line => $"::add-mask::{WorkflowCommands.Data(line)}");

    /// <summary>Writes the mask commands to <paramref name="output"/> (standard output: where the runner reads commands) and flushes.</summary>
    public static async Task WriteAsync(TextWriter output, IEnumerable<string> values, CancellationToken cancellationToken)
    {
        foreach (var command in Commands(values))
        {
            await output.WriteLineAsync(command.AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}
