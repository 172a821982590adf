using System.Diagnostics;
using System.Text;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// Rules run on untrusted megabyte inputs: near misses packed around every keyword must not make
/// any rule's pattern backtrack its way into seconds.
/// </summary>
public sealed class RulesPerformanceTests
{
    /// <summary>Generous for a shared two-core machine; a catastrophic pattern takes minutes, not seconds.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    // Characters that keep most patterns matching for as long as possible before they fail.
    private static readonly string[] Fillers = ["aA0", "a:b@", "-_./+=", "\"'`", " \t", "$2y$10$", "\\n", "<>"];

    public static TheoryData<string> RuleIds => [.. BuiltInRules.All.Select(rule => rule.Id)];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(RuleIds))]
    public async Task A_megabyte_of_near_misses_around_a_rules_keywords_scans_quickly(string ruleId)
    {
        // Arrange
        var rule = BuiltInRules.All.Single(r => r.Id == ruleId);
        var detector = new Detector([rule], ScanAllowlist.Default);
        var path = rule.TruePositives[0].Path;
        var keywords = rule.Keywords.Count > 0 ? rule.Keywords : [""];
        var oneLine = NearMisses(keywords, '\t');
        var manyLines = NearMisses(keywords, '\n');

        // Act
        var stopwatch = Stopwatch.StartNew();
        await Task.Run(() =>
        {
            detector.Detect(path, oneLine);
            detector.Detect(path, manyLines);
        }, TestContext.Current.CancellationToken);
        stopwatch.Stop();

        // Assert
        Assert.True(stopwatch.Elapsed < Budget, $"{ruleId} took {stopwatch.Elapsed.TotalSeconds:F1}s on 2 MB of near misses");
    }

    private static string NearMisses(IReadOnlyList<string> keywords, char separator)
    {
        var builder = new StringBuilder(1 << 20);
        for (var i = 0; builder.Length < 1 << 20; i++)
        {
            var filler = Fillers[i % Fillers.Length];
            builder.Append(keywords[i % keywords.Count]);
            for (var j = 0; j < 40; j++)
            {
                builder.Append(filler);
            }

            builder.Append(i % 3 == 0 ? separator : ' ');
        }

        return builder.ToString();
    }
}
