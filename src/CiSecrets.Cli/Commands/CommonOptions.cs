using System.CommandLine;
using CiSecrets.Reporting;

namespace CiSecrets.Cli.Commands;

/// <summary>Options several commands share, built fresh for each command (System.CommandLine symbols have one parent).</summary>
internal static class CommonOptions
{
    public static Option<string> Format() => new Option<string>("--format", "-f")
    {
        Description = $"Report format: {string.Join(", ", ReportWriters.Formats)}.",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong([.. ReportWriters.Formats]);

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
    };

    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "Configuration file (default: .cisecrets.yaml at the repository root, when present).",
    };
}
