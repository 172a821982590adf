using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build.Benchmarking;

/// <summary>What a benchmark run measured and which commands failed.</summary>
public sealed record BenchmarkReport(IReadOnlyList<Measurement> Measurements, IReadOnlyList<string> FailedCommands);

/// <summary>One timed command.</summary>
public sealed record Measurement(string Label, ToolRun Run, ToolResult Result, int Commits, string Notes);

/// <summary>
/// Measures one repository: its size, then (after a warm-up read of every object, so the page cache is
/// warm for all) git's own floors, <c>git log -p</c> (what gitleaks is bound by) and
/// <c>git cat-file --batch</c> (reading every object once), then cisecrets' full-history and
/// 20-commit range scans. Each command runs once; peak memory is the child's VmHWM.
/// </summary>
public sealed class BenchmarkRun(string repository, GeneratedRepository? generated, string cliAssembly, string outputDirectory)
{
    private const double MiB = 1024 * 1024;
    private const int RangeLength = 20;

    private readonly StringBuilder _log = new();

    public BenchmarkReport Execute()
    {
        var facts = RepositoryFacts.Read(repository);
        Print("");
        Print($"Repository        {repository}");
        Print($"Commits           {facts.Commits:N0} (all refs)");
        Print($"Files at HEAD     {facts.FilesAtHead:N0}");
        Print($"Blobs             {facts.Blobs:N0}, {facts.BlobBytes / MiB:N1} MiB unique content");
        Print($"Pack on disk      {facts.PackBytes / MiB:N1} MiB");
        if (generated is not null)
        {
            Print($"Generated         {generated.Settings} in {generated.GenerationSeconds:F1} s; planted secrets {generated.PlantedSecrets.Count}");
        }

        Print($"Machine           {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {facts.GitVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
        Print("");

        var warmUp = Time("warm-up", Git("cat-file", "--batch-all-objects", "--unordered", "--batch"), facts.Commits);
        Print($"Warm-up: git cat-file --batch-all-objects --unordered --batch read {warmUp.Result.StdoutBytes / MiB:N1} MiB in {warmUp.Result.Elapsed.TotalSeconds:F2} s (not counted).");

        var measurements = new List<Measurement>
        {
            // gitleaks' exact history command (sources/git.go).
            Time("a) git log -p -U0 --full-history --all", Git("log", "-p", "-U0", "--full-history", "--all", "--diff-filter=tuxdb"), facts.Commits),
            Time("b) git cat-file --batch-all-objects --batch", Git("cat-file", "--batch-all-objects", "--batch"), facts.Commits),

            // The same read in pack order: hash order makes git rebuild delta chains over and over.
            Time("b') ... --batch-all-objects --unordered --batch", Git("cat-file", "--batch-all-objects", "--unordered", "--batch"), facts.Commits),
        };
        var failures = new List<string>();
        var fullReport = Path.Combine(outputDirectory, "full-scan.json");
        var full = Scan("c) cisecrets scan, full history", [repository, "--format", "json", "--output", fullReport], fullReport, facts.Commits, generated?.PlantedSecrets.Count, failures);
        if (full is not null)
        {
            measurements.Add(full);
        }

        var head = ProcessRunner.ReadLines("git", ["rev-parse", "HEAD"], repository)[0];
        var rangeStart = ProcessRunner.ReadLines("git", ["rev-parse", $"HEAD~{RangeLength}"], repository)[0];
        var inRange = ProcessRunner.ReadLines("git", ["rev-list", $"{rangeStart}..{head}"], repository).ToHashSet();
        var plantedInRange = generated?.PlantedSecrets.Count(secret => inRange.Contains(secret.Commit));
        var rangeReport = Path.Combine(outputDirectory, "range-scan.json");
        var range = Scan($"d) cisecrets scan --range HEAD~{RangeLength}..HEAD", [repository, "--range", $"{rangeStart}..{head}", "--format", "json", "--output", rangeReport], rangeReport, inRange.Count, plantedInRange, failures);
        if (range is not null)
        {
            measurements.Add(range);
        }

        PrintTable(measurements, facts);
        foreach (var failure in failures)
        {
            Print($"FAILED: {failure}");
        }

        File.WriteAllText(Path.Combine(outputDirectory, Path.GetFileName(repository) + ".txt"), _log.ToString());
        return new BenchmarkReport(measurements, failures);
    }

    private Measurement? Scan(string label, IReadOnlyList<string> arguments, string reportFile, int commits, int? planted, List<string> failures)
    {
        File.Delete(reportFile);
        var run = new ToolRun("dotnet", [cliAssembly, "scan", .. arguments])
        {
            WorkingDirectory = repository,
            Output = OutputHandling.Count,
            CaptureStderr = true,
            MeasurePeakMemory = true,
        };
        if (!File.Exists(cliAssembly))
        {
            failures.Add($"{label}: {cliAssembly} does not exist (is src/CiSecrets.Cli built in Release?)");
            return null;
        }

        var result = ProcessRunner.Run(run);
        // 0 is a clean scan and 1 a scan with findings: both are complete runs. Anything else is an error.
        if (result.ExitCode is not (0 or 1) || !File.Exists(reportFile))
        {
            var tail = string.Join(Environment.NewLine, result.StderrTail.Select(line => "      " + line));
            failures.Add($"{label}: '{run.Display}' exited with code {result.ExitCode}{(File.Exists(reportFile) ? "" : ", no report written")}{Environment.NewLine}    stderr (last lines):{Environment.NewLine}{tail}");
            return null;
        }

        string notes;
        try
        {
            notes = ScanReport.Summarize(File.ReadAllText(reportFile), planted);
        }
        catch (JsonException e)
        {
            failures.Add($"{label}: the report {reportFile} is not the expected JSON ({e.Message})");
            return null;
        }

        return new Measurement(label, run, result, commits, $"exit {result.ExitCode}; {notes}");
    }

    private Measurement Time(string label, ToolRun run, int commits)
    {
        var result = ProcessRunner.Run(run);
        ProcessRunner.EnsureSuccess(run, result);
        return new Measurement(label, run, result, commits, $"stdout {result.StdoutBytes / MiB:N1} MiB");
    }

    private ToolRun Git(params string[] arguments) => new("git", arguments)
    {
        WorkingDirectory = repository,
        Output = OutputHandling.Count,
        CaptureStderr = true,
        MeasurePeakMemory = true,
    };

    private void PrintTable(IReadOnlyList<Measurement> measurements, RepositoryFacts facts)
    {
        Print("");
        Print($"Each command ran once, after the warm-up read; MiB/s is over the {facts.BlobBytes / MiB:N1} MiB of unique blob content (full-history rows only).");
        Print($"{"measurement",-46}{"wall s",9}{"MiB/s",9}{"commits/s",11}{"peak MiB",10}  notes");
        foreach (var m in measurements)
        {
            var seconds = m.Result.Elapsed.TotalSeconds;
            var throughput = m.Commits == facts.Commits ? (facts.BlobBytes / MiB / seconds).ToString("F1", CultureInfo.InvariantCulture) : "-";
            var peak = m.Result.PeakMemoryBytes is { } bytes ? (bytes / MiB).ToString("F1", CultureInfo.InvariantCulture) : "?";
            Print($"{m.Label,-46}{seconds,9:F2}{throughput,9}{m.Commits / seconds,11:F1}{peak,10}  {m.Notes}");
        }

        var log = measurements.First(m => m.Label.StartsWith("a)", StringComparison.Ordinal)).Result.Elapsed.TotalSeconds;
        var catFile = measurements.First(m => m.Label.StartsWith("b)", StringComparison.Ordinal)).Result.Elapsed.TotalSeconds;
        var packOrder = measurements.First(m => m.Label.StartsWith("b')", StringComparison.Ordinal)).Result.Elapsed.TotalSeconds;
        if (measurements.FirstOrDefault(m => m.Label.StartsWith("c)", StringComparison.Ordinal)) is { } scan)
        {
            var seconds = scan.Result.Elapsed.TotalSeconds;
            Print($"Full scan / git log -p: {seconds / log:F2}x    full scan / cat-file --batch: {seconds / catFile:F2}x    full scan / cat-file --unordered: {seconds / packOrder:F2}x");
        }
        else
        {
            Print("Full scan / git log -p and / cat-file: not available, the full scan did not run.");
        }
    }

    // Other work on the machine skews every figure; the 1-minute load average says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private void Print(string line)
    {
        Console.WriteLine(line);
        _log.AppendLine(line);
    }
}
