using System.Globalization;
using System.Text.Json;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// Times <c>cisecrets sops validate --require-mac</c> (every MAC verified with the generated key) over a generated
/// repository of SOPS files and prints files/s. Target: 1,000 files in under 5 s on 2 cores.
/// </summary>
public static class SopsValidateBenchmark
{
    public const double TargetSeconds = 5.0;

    /// <summary>Runs once; returns the failure line, or null when the run completed and verified every MAC.</summary>
    public static string? Run(SopsBenchmarkRepository repository, string cliAssembly, string outputDirectory)
    {
        var report = Path.Combine(outputDirectory, "sops-validate.json");
        File.Delete(report);
        var run = new ToolRun("dotnet", [cliAssembly, "sops", "validate", "--require-mac", "--format", "json", "--output", report])
        {
            WorkingDirectory = repository.Path,
            Output = OutputHandling.Count,
            CaptureStderr = true,
            MeasurePeakMemory = true,
            Environment = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = repository.KeyFile },
        };
        var result = ProcessRunner.Run(run);
        if (result.ExitCode != 0 || !File.Exists(report))
        {
            return $"sops validate exited with code {result.ExitCode}: {string.Join(" | ", result.StderrTail)}";
        }

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var stats = json.RootElement.GetProperty("stats");
        var verified = stats.GetProperty("macsVerified").GetInt32();
        var seconds = result.Elapsed.TotalSeconds;
        var peak = result.PeakMemoryBytes is { } bytes ? (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) : "?";
        Console.WriteLine("");
        Console.WriteLine($"{"measurement",-46}{"wall s",9}{"files/s",11}{"peak MiB",10}  notes");
        Console.WriteLine($"{"e) cisecrets sops validate --require-mac",-46}{seconds,9:F2}{repository.Files / seconds,11:F1}{peak,10}  {repository.Files} files, {verified} MACs verified, in-process {stats.GetProperty("durationMs").GetInt64()} ms; target {repository.Files} files < {TargetSeconds:F0} s: {(seconds < TargetSeconds ? "met" : "MISSED")}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown")}");
        return verified == repository.Files ? null : $"sops validate verified {verified} MACs of {repository.Files} files";
    }
}
