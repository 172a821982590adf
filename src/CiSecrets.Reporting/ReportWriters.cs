namespace CiSecrets.Reporting;

/// <summary>The available formats, by name.</summary>
public static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } =
        [new TextReportWriter(), new JsonReportWriter(), new SarifReportWriter(), new MarkdownReportWriter()];

    public static IReadOnlyList<string> Formats { get; } = [.. All.Select(writer => writer.Format)];

    public static IReportWriter For(string format) =>
        All.FirstOrDefault(writer => string.Equals(writer.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException("--format", $"unknown format '{format}' (one of {string.Join(", ", Formats)})");

    /// <summary>Renders to a string, for files and tests.</summary>
    public static async Task<string> RenderAsync(this IReportWriter writer, Report report, CancellationToken cancellationToken)
    {
        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await writer.WriteAsync(report, text, cancellationToken);
        return text.ToString();
    }
}
