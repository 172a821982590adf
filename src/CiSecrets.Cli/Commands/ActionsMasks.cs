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
        values.SelectMany(v => Decoded(v) is { } decoded ? [v, decoded] : new[] { v })
            .SelectMany(v => v.Split('\n'))
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Trim().Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(line => $"::add-mask::{WorkflowCommands.Data(line)}");

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The text a strict base64 value decodes to, or null when it is not base64 of UTF-8 text.</summary>
    private static string? Decoded(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length < 4 || trimmed.Length % 4 != 0)
        {
            return null;
        }

        var bytes = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed, bytes, out var written))
        {
            return null;
        }

        try
        {
            var text = StrictUtf8.GetString(bytes, 0, written);
            return text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? null : text;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

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
