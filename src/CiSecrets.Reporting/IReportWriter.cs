namespace CiSecrets.Reporting;

/// <summary>Renders a <see cref="Report"/> in one format.</summary>
public interface IReportWriter
{
    /// <summary>The name users pass to <c>--format</c>.</summary>
    string Format { get; }

    Task WriteAsync(Report report, TextWriter writer, CancellationToken cancellationToken);
}
