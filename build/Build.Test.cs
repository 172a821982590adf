using System.Globalization;
using System.Xml.Linq;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    private static string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

    [Parameter("Test: run the tests with the clock shifted to this date (YYYY-MM-DD) by faketime; the build itself runs at the real time, since package restore over HTTPS fails on a shifted clock.")]
    private readonly string? TestDate = null;

    private Target Test => new(
        nameof(Test),
        "Runs every test project of CiSecrets.sln (no rebuild), writes .trx files to artifacts/test-results and closes with 'Tests: N passed, N failed, N skipped'. Checks first that the tools the tests run are installed.",
        [nameof(Compile)],
        () =>
        {
            var clockDate = ParseTestDate(TestDate);
            RequiredTools.Check(RequiredTools.ForTests(shiftedClock: clockDate is not null));

            DeletePath(TestResultsDirectory);
            string[] test = [
                "dotnet", "test", Solution, "-c", Configuration, "--no-build", "-nologo",
                "--logger", "trx;LogFilePrefix=cisecrets",
                "--results-directory", TestResultsDirectory];
            // faketime starts the clock at the date and lets it run; every child process it starts follows it.
            string[] command = clockDate is null ? test : ["faketime", $"{clockDate:yyyy-MM-dd} 00:00:00", .. test];
            if (clockDate is not null)
            {
                Console.WriteLine($"The tests run with the clock at {clockDate:yyyy-MM-dd} (faketime).");
            }

            var run = new ToolRun(command[0], command[1..]) { WorkingDirectory = RootDirectory };
            var result = ProcessRunner.Run(run);

            var counts = TestCounts.FromTrxFiles(TestResultsDirectory);
            Console.WriteLine();
            foreach (var (file, fileCounts) in counts.PerFile)
            {
                Console.WriteLine($"  {file}: passed={fileCounts.Passed} failed={fileCounts.Failed} skipped={fileCounts.Skipped}");
            }

            AddClosingLine($"Tests: {counts.Total.Passed} passed, {counts.Total.Failed} failed, {counts.Total.Skipped} skipped");
            if (counts.Total.Failed > 0)
            {
                throw new TargetFailedException($"{counts.Total.Failed} test(s) failed.");
            }

            if (result.ExitCode != 0)
            {
                throw new TargetFailedException($"'{run.Display}' exited with code {result.ExitCode}.", result.ExitCode);
            }

            if (counts.Total.Passed == 0)
            {
                throw new TargetFailedException("No test ran.");
            }
        });

    private static DateOnly? ParseTestDate(string? text) =>
        text is null or "" ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new BuildUsageException($"--test-date '{text}' is not a date like 2031-06-01.");
}

/// <summary>Passed, failed and skipped test counts.</summary>
public readonly record struct TestCount(int Passed, int Failed, int Skipped)
{
    public static TestCount operator +(TestCount left, TestCount right) =>
        new(left.Passed + right.Passed, left.Failed + right.Failed, left.Skipped + right.Skipped);
}

/// <summary>
/// Test outcomes read from VSTest .trx files: each <c>UnitTestResult</c>'s <c>outcome</c> counts once.
/// NotExecuted (xunit's Skip) is skipped; every outcome other than Passed and NotExecuted (Failed,
/// Error, Timeout, Aborted…) counts as failed. Schema: vstest TrxLogger, namespace TeamTest/2010.
/// </summary>
public sealed record TestCounts(TestCount Total, IReadOnlyList<(string Source, TestCount Count)> PerFile)
{
    private static readonly XNamespace TeamTest = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestCounts FromTrxFiles(string directory)
    {
        var perFile = new List<(string, TestCount)>();
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var trx = XDocument.Load(file);
                perFile.Add((TestAssembly(trx) ?? Path.GetFileName(file), FromTrx(trx)));
            }
        }

        return new TestCounts(perFile.Aggregate(default(TestCount), (sum, entry) => sum + entry.Item2), perFile);
    }

    /// <summary>The test assembly a .trx reports on (the <c>storage</c> of its tests), when it has any test.</summary>
    public static string? TestAssembly(XDocument trx) =>
        trx.Descendants(TeamTest + "UnitTest").Select(test => (string?)test.Attribute("storage")).FirstOrDefault(storage => storage is not null) is { } storage
            ? Path.GetFileName(storage)
            : null;

    public static TestCount FromTrx(XDocument trx)
    {
        var count = default(TestCount);
        foreach (var result in trx.Descendants(TeamTest + "UnitTestResult"))
        {
            count += (string?)result.Attribute("outcome") switch
            {
                "Passed" => new TestCount(1, 0, 0),
                "NotExecuted" => new TestCount(0, 0, 1),
                _ => new TestCount(0, 1, 0),
            };
        }

        return count;
    }
}
