using CiSecrets.Reporting;
using CiSecrets.Reporting.GitHubActions;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// Delivers a report the same way for every command: the chosen format to a file or standard
/// output, warnings to standard error, and inside GitHub Actions one annotation per finding,
/// a Markdown step summary and step outputs.
/// </summary>
internal sealed class ReportOutput(IEnvironment environment, CliConsole console)
{
    public async Task WriteAsync(Report report, string format, string? outputPath, string? sarifPath, CancellationToken cancellationToken)
    {
        var writer = ReportWriters.For(format);
        if (outputPath is null)
        {
            await writer.WriteAsync(report, console.Out, cancellationToken);
        }
        else
        {
            await AtomicFile.WriteAllTextAsync(Resolve(outputPath), await writer.RenderAsync(report, cancellationToken), cancellationToken);
            foreach (var warning in report.Warnings)
            {
                await console.Error.WriteLineAsync($"warning: {PrintedText.Escape(warning)}");
            }
        }

        var actions = new ActionsEnvironment(environment);
        if (sarifPath is null && actions.IsActive)
        {
            sarifPath = format == "sarif" && outputPath is not null
                ? outputPath
                : Path.Combine(environment.GetVariable("RUNNER_TEMP") ?? Path.GetTempPath(), $"cisecrets-{report.Title.Replace(' ', '-')}.sarif");
        }

        if (sarifPath is not null && !(format == "sarif" && sarifPath == outputPath))
        {
            await AtomicFile.WriteAllTextAsync(Resolve(sarifPath), await new SarifReportWriter().RenderAsync(report, cancellationToken), cancellationToken);
        }

        if (actions.IsActive)
        {
            await WriteActionsAsync(actions, report, format, outputPath, sarifPath, cancellationToken);
        }
    }

    private async Task WriteActionsAsync(ActionsEnvironment actions, Report report, string format, string? outputPath, string? sarifPath, CancellationToken cancellationToken)
    {
        // Annotations share standard output with the report: keep machine-readable output parseable.
        var annotate = outputPath is not null || format is "text" or "markdown";
        if (annotate)
        {
            foreach (var finding in report.Findings)
            {
                await console.Out.WriteLineAsync(WorkflowCommands.Annotation(finding));
            }

            foreach (var warning in report.Warnings)
            {
                await console.Out.WriteLineAsync(WorkflowCommands.Warning(warning));
            }

            if (report.Findings.Count > 10)
            {
                // GitHub shows only the first ten error annotations of a step.
                await console.Out.WriteLineAsync($"{report.Findings.Count} findings in all: see the job summary or the SARIF report.");
            }
        }

        await actions.AppendSummaryAsync(await new MarkdownReportWriter().RenderAsync(report, cancellationToken), cancellationToken);
        await actions.SetOutputAsync("findings-count", report.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        if (sarifPath is not null)
        {
            await actions.SetOutputAsync("sarif-file", Resolve(sarifPath), cancellationToken);
        }
    }

    private string Resolve(string path) => Path.GetFullPath(path, environment.CurrentDirectory);
}
