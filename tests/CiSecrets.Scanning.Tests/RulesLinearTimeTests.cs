using System.Diagnostics;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// Every built-in rule, with the detector's machinery around it (windows, filters, overlaps,
/// inline allows, line numbers), runs in linear time on hostile input: four times the text may
/// not take much more than four times as long. Measured as the best of three, with a wide margin
/// and a floor below which timings are noise, because the machine is shared.
/// </summary>
public sealed class RulesLinearTimeTests
{
    private const int Small = 256 * 1024;
    private const int Large = 1024 * 1024;

    /// <summary>Linear is 4; quadratic is 16.</summary>
    private const double MaxGrowth = 8;

    /// <summary>Below this a megabyte's timing says nothing about growth on a loaded machine.</summary>
    private static readonly TimeSpan NoiseFloor = TimeSpan.FromMilliseconds(500);

    /// <summary>A sanity cap: linear but hopelessly slow is a failure too.</summary>
    private static readonly TimeSpan MaxForLarge = TimeSpan.FromSeconds(30);

    public static TheoryData<string> RuleIds => [.. BuiltInRules.All.Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void A_rule_scans_four_times_the_hostile_text_in_at_most_about_four_times_the_time(string ruleId)
    {
        // Arrange
        var rule = BuiltInRules.All.Single(r => r.Id == ruleId);
        var detector = new Detector([rule], ScanAllowlist.Default);
        var path = rule.TruePositives.Count > 0 ? rule.TruePositives[0].Path : "example.txt";
        var slow = new List<string>();

        foreach (var input in AdversarialText.For(rule))
        {
            var small = input.Repeat(Small);
            var large = input.Repeat(Large);

            // Act
            var largeTime = Time(detector, path, large, runs: 1);
            if (largeTime < NoiseFloor)
            {
                continue;
            }

            // Interleaved, so that a burst of load elsewhere hits both sizes alike.
            var smallTime = TimeSpan.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                smallTime = Min(smallTime, Time(detector, path, small, runs: 1));
                largeTime = Min(largeTime, Time(detector, path, large, runs: 1));
            }

            // A quarter of the floor stands in for faster small runs: under load, a 60 ms run measures the machine, not the rule.
            var growth = largeTime / Max(smallTime, NoiseFloor / 4);
            if ((growth >= MaxGrowth && largeTime >= NoiseFloor) || largeTime > MaxForLarge)
            {
                slow.Add($"{input.Name}: 256 KB {smallTime.TotalSeconds:F2}s, 1 MB {largeTime.TotalSeconds:F2}s (x{growth:F1})");
            }
        }

        // Assert
        Assert.True(slow.Count == 0, $"{ruleId} is not linear on: {string.Join("; ", slow)}");
    }

    private static TimeSpan Time(Detector detector, string path, string text, int runs)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            detector.Detect(path, text);
            best = Min(best, stopwatch.Elapsed);
        }

        return best;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
