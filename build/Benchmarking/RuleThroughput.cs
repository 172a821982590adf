using System.Diagnostics;
using System.Text;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// Each built-in rule's throughput, with the detector around it, on a megabyte of ordinary
/// source-like text and on the rule's worst hostile input (<see cref="AdversarialText"/>): every
/// rule must run in linear time, so the hostile figure says how long a pull request of
/// the size limit can hold the gate up.
/// </summary>
public static class RuleThroughput
{
    private const int Size = 1024 * 1024;

    /// <summary>
    /// The most one hostile megabyte may cost a rule on a loaded two-core machine; a pattern that
    /// backtracks takes minutes. (This budget was a unit test once; timing belongs here.)
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Prints the table and returns one line for each rule over <see cref="Budget"/>.</summary>
    public static IReadOnlyList<string> Run(string output)
    {
        var failures = new List<string>();
        var normal = NormalText(Size);
        var rows = new List<string>();
        Console.WriteLine($"Rule throughput on {Size / 1048576} MiB, best of 3 (MB/s; 'worst' is the hostile input that was slowest):");
        Console.WriteLine($"  {"rule",-32} {"normal",10} {"hostile",10}  worst input");
        foreach (var rule in BuiltInRules.All)
        {
            var detector = new Detector([rule], ScanAllowlist.Default);
            var path = rule.TruePositives.Count > 0 ? rule.TruePositives[0].Path : "example.txt";
            var onNormal = BestOf3(detector, path, normal);
            var (worst, onWorst) = AdversarialText.For(rule)
                .Select(input => (input.Name, Time: BestOf3(detector, path, input.Repeat(Size))))
                .MaxBy(result => result.Time);
            var line = $"{rule.Id,-32} {MegabytesPerSecond(onNormal),10:F1} {MegabytesPerSecond(onWorst),10:F1}  {worst}";
            Console.WriteLine("  " + line);
            rows.Add(line);
            if (onWorst > Budget)
            {
                failures.Add($"{rule.Id} took {onWorst.TotalSeconds:F1} s on a megabyte of '{worst}' (budget {Budget.TotalSeconds:F0} s)");
                Console.WriteLine($"FAILED: {failures[^1]}");
            }
        }

        File.WriteAllLines(Path.Combine(output, "rule-throughput.txt"), rows);
        return failures;
    }

    private static double MegabytesPerSecond(TimeSpan elapsed) => Size / 1e6 / Math.Max(elapsed.TotalSeconds, 1e-6);

    private static TimeSpan BestOf3(Detector detector, string path, string text)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            detector.Detect(path, text);
            best = stopwatch.Elapsed < best ? stopwatch.Elapsed : best;
        }

        return best;
    }

    /// <summary>Source-like lines of every kind the repository generator writes, seeded so each run measures the same text.</summary>
    private static string NormalText(int size)
    {
        var source = new SourceText(new Random(1));
        var kinds = Enum.GetValues<FileKind>().Where(kind => kind != FileKind.Minified).ToArray();
        var builder = new StringBuilder(size + 256);
        for (var i = 0; builder.Length < size; i++)
        {
            builder.Append(source.Line(kinds[i % kinds.Length])).Append('\n');
        }

        builder.Length = size;
        return builder.ToString();
    }
}
