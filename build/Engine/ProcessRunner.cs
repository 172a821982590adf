using System.Diagnostics;
using System.Globalization;

namespace CiSecrets.Build.Engine;

/// <summary>Starts child processes for targets: streams or consumes their output, optionally feeds their input and samples their peak memory.</summary>
public static class ProcessRunner
{
    private const int StderrTailLines = 25;

    public static ToolResult Run(ToolRun run)
    {
        if (run.EchoCommand)
        {
            Console.WriteLine($"> {run.Display}");
        }

        var startInfo = new ProcessStartInfo(run.FileName)
        {
            UseShellExecute = false,
            WorkingDirectory = run.WorkingDirectory ?? Directory.GetCurrentDirectory(),
            RedirectStandardOutput = run.Output != OutputHandling.Inherit,
            RedirectStandardError = run.CaptureStderr,
            RedirectStandardInput = run.Input is not null,
        };
        foreach (var argument in run.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in run.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {run.FileName}.");

        var peakMemory = run.MeasurePeakMemory ? Task.Run(() => SamplePeakMemory(process)) : Task.FromResult<long?>(null);
        var stdout = run.Output switch
        {
            OutputHandling.Count => Task.Run(() => CountBytes(process.StandardOutput.BaseStream)),
            OutputHandling.Lines => Task.Run(() => ForEachLine(process.StandardOutput, run.OnLine ?? (_ => { }))),
            _ => Task.FromResult(0L),
        };
        var stderrTail = new Queue<string>();
        var stderr = run.CaptureStderr
            ? Task.Run(() => ForEachLine(process.StandardError, line =>
            {
                stderrTail.Enqueue(line);
                if (stderrTail.Count > StderrTailLines)
                {
                    stderrTail.Dequeue();
                }
            }))
            : Task.FromResult(0L);

        if (run.Input is { } writeInput)
        {
            try
            {
                using var input = process.StandardInput.BaseStream;
                writeInput(input);
            }
            catch (IOException) when (process.WaitForExit(10_000))
            {
                // The child closed its input early (it failed); its exit code and stderr say why.
            }
        }

        process.WaitForExit();
        stopwatch.Stop();
        Task.WaitAll(stdout, stderr, peakMemory);
        return new ToolResult(process.ExitCode, stopwatch.Elapsed, stdout.Result, peakMemory.Result, [.. stderrTail]);
    }

    /// <summary>Runs and returns standard output's lines; a non-zero exit fails the target.</summary>
    public static IReadOnlyList<string> ReadLines(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var lines = new List<string>();
        var run = new ToolRun(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            Output = OutputHandling.Lines,
            OnLine = lines.Add,
            CaptureStderr = true,
            EchoCommand = false,
        };
        EnsureSuccess(run, Run(run));
        return lines;
    }

    /// <summary>Throws <see cref="TargetFailedException"/> naming the command, its exit code and its last stderr lines.</summary>
    public static void EnsureSuccess(ToolRun run, ToolResult result)
    {
        if (result.ExitCode == 0)
        {
            return;
        }

        var tail = result.StderrTail.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, result.StderrTail.Select(line => "    " + line));
        throw new TargetFailedException($"'{run.Display}' exited with code {result.ExitCode}.{tail}", result.ExitCode);
    }

    private static long CountBytes(Stream stream)
    {
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static long ForEachLine(StreamReader reader, Action<string> onLine)
    {
        long count = 0;
        while (reader.ReadLine() is { } line)
        {
            onLine(line);
            count += line.Length + 1;
        }

        return count;
    }

    // VmHWM is the peak resident set size the kernel has seen for the process, so sampling only has to
    // be frequent enough to catch the last value before the process exits.
    // https://man7.org/linux/man-pages/man5/proc_pid_status.5.html
    private static long? SamplePeakMemory(Process process)
    {
        var statusFile = $"/proc/{process.Id}/status";
        long? peak = null;
        while (true)
        {
            var exited = process.HasExited;
            try
            {
                foreach (var line in File.ReadLines(statusFile))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        peak = Math.Max(peak ?? 0, kilobytes * 1024);
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process is gone (or was never visible): keep the last sample.
            }

            if (exited)
            {
                return peak;
            }

            Thread.Sleep(15);
        }
    }
}
