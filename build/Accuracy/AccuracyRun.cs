using System.Globalization;
using System.Text;
using System.Text.Json;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build.Accuracy;

/// <summary>
/// Scans one real repository's whole history with the built command line and prints what a reviewer
/// needs to judge precision: findings per rule and per confidence, distinct leaks (rule + secret + path),
/// the scan's wall time and a sample of findings with their redacted previews. The figures are also
/// written to <c>OUTPUT/NAME.txt</c>, so runs before and after a change can be compared.
/// </summary>
public sealed class AccuracyRun(string repository, string cliAssembly, string outputDirectory, IReadOnlyList<string> extraArguments)
{
    private const int SampleSize = 20;

    private readonly StringBuilder _log = new();

    /// <summary>Runs the scan; returns null when it completed, else why it failed.</summary>
    public string? Execute()
    {
        if (!File.Exists(cliAssembly))
        {
            return $"{cliAssembly} does not exist (build src/CiSecrets.Cli in Release)";
        }

        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(repository));
        var reportFile = Path.Combine(outputDirectory, name + ".json");
        File.Delete(reportFile);
        var run = new ToolRun("dotnet", [cliAssembly, "scan", repository, "--format", "json", "--output", reportFile, "--no-progress", .. extraArguments])
        {
            WorkingDirectory = repository,
            Output = OutputHandling.Count,
            CaptureStderr = true,
            MeasurePeakMemory = true,
        };
        var result = ProcessRunner.Run(run);
        if (result.ExitCode is not (0 or 1) || !File.Exists(reportFile))
        {
            var tail = string.Join(Environment.NewLine, result.StderrTail.Select(line => "      " + Printable(line)));
            return $"'{run.Display}' exited with code {result.ExitCode}{(File.Exists(reportFile) ? "" : ", no report written")}{Environment.NewLine}    stderr (last lines):{Environment.NewLine}{tail}";
        }

        IReadOnlyList<AccuracyFinding> findings;
        try
        {
            findings = AccuracyFinding.ReadReport(File.ReadAllText(reportFile));
        }
        catch (JsonException e)
        {
            return $"the report {reportFile} is not the expected JSON ({e.Message})";
        }

        Print("");
        Print($"Repository      {Printable(repository)}");
        Print($"Scan            full history{(extraArguments.Count > 0 ? " " + string.Join(' ', extraArguments.Select(Printable)) : "")}, exit {result.ExitCode}");
        Print($"Wall time       {result.Elapsed.TotalSeconds:F1} s (load average {LoadAverage()}), peak {(result.PeakMemoryBytes ?? 0) / 1048576.0:F0} MiB");
        Print($"Findings        {findings.Count}");
        Print($"Distinct leaks  {findings.Select(f => f.Leak).Distinct().Count()} (rule + secret + path)");
        Print("");
        PrintCounts("rule", findings.GroupBy(f => f.RuleId), findings);
        Print("");
        PrintCounts("confidence", findings.GroupBy(f => f.Confidence), findings);
        Print("");
        PrintSample(findings);
        File.WriteAllText(Path.Combine(outputDirectory, name + ".txt"), _log.ToString());
        return null;
    }

    private void PrintCounts(string title, IEnumerable<IGrouping<string, AccuracyFinding>> groups, IReadOnlyList<AccuracyFinding> all)
    {
        Print($"{title,-28}{"findings",10}{"leaks",8}");
        foreach (var group in groups.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            Print($"{Printable(group.Key),-28}{group.Count(),10}{group.Select(f => f.Leak).Distinct().Count(),8}");
        }

        if (all.Count == 0)
        {
            Print("(none)");
        }
    }

    /// <summary>
    /// Up to <see cref="SampleSize"/> findings, taken in turn from each rule and, within a rule, from
    /// different paths, so that one noisy file does not fill the sample. Deterministic: sorted by path and line.
    /// </summary>
    private void PrintSample(IReadOnlyList<AccuracyFinding> findings)
    {
        var queues = findings
            .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line)
            .GroupBy(f => f.RuleId)
            .OrderByDescending(g => g.Count())
            .Select(g => new Queue<AccuracyFinding>(g.GroupBy(f => f.Path).Select(p => p.First())))
            .ToList();
        var sample = new List<AccuracyFinding>();
        while (sample.Count < SampleSize && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (sample.Count < SampleSize)
                {
                    sample.Add(queue.Dequeue());
                }
            }
        }

        Print($"Sample of {sample.Count} findings (redacted previews, one per path and rule in turn):");
        foreach (var finding in sample)
        {
            var commit = finding.Commit.Length >= 10 ? finding.Commit[..10] : finding.Commit;
            Print($"  {Printable(finding.RuleId),-24} {Printable(finding.Confidence),-8} {commit,-10} {Printable(finding.Path)}:{finding.Line}  {Printable(finding.Preview)}");
        }
    }

    /// <summary>Escapes control characters: paths come from the scanned repository, which is untrusted input.</summary>
    private static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private void Print(string line)
    {
        Console.WriteLine(line);
        _log.AppendLine(line);
    }
}
