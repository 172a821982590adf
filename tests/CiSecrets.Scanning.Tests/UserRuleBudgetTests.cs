using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// A user-written rule whose pattern backtracks does not fail silently: each timeout is a warning
/// naming the rule and is counted, a rule past its time budget is skipped with a warning, and
/// the scan result says it is incomplete.
/// </summary>
public sealed class UserRuleBudgetTests
{
    private static string Token(int variant) => Sample.Token("acme_", 24, Sample.Lower + Sample.Digits, variant);

    private static ScanResult Scan(TempGitRepository repo, ScanSettings settings) =>
        new SecretScanner(settings).Scan(new ScanRequest(repo.Path, ScanTarget.History), new ScanCounters(), CancellationToken.None);

    [Fact]
    public void A_user_rule_that_times_out_is_a_counted_warning_naming_it_and_the_scan_is_incomplete()
    {
        // Arrange: nested quantifiers and a lookahead (so no linear engine) on a long run of 'a'.
        using var repo = new TempGitRepository();
        repo.Write("input.txt", "acme_" + new string('a', 40) + "\n").Commit("slow input");
        var rule = CustomRule.Create("test", "acme-slow", null, "acme_((a|a)+)+b(?!c)", ["acme_"], 0, null, null);

        // Act
        var result = Scan(repo, new ScanSettings { Rules = [rule], Parallelism = 1 });

        // Assert
        Assert.Equal("1", result.Stats.Single(s => s.Name == "ruleTimeouts").Value.ToString());
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("Rule acme-slow timed out 1 time(s) (first in input.txt)", warning, StringComparison.Ordinal);
        Assert.Equal(warning, result.Incomplete);
    }

    [Fact]
    public void A_user_rule_past_its_time_budget_is_skipped_for_the_remaining_files_and_the_scan_is_incomplete()
    {
        // Arrange: a clock on which every run of a rule takes a minute, against a budget of thirty seconds.
        using var repo = new TempGitRepository();
        repo.Write("a.cfg", $"token: {Token(1)}\n").Write("b.cfg", $"token: {Token(2)}\n").Write("c.cfg", $"token: {Token(3)}\n").Commit("three tokens");
        var rule = CustomRule.Create("test", "acme-token", null, "acme_[a-z0-9]{24}", ["acme_"], 0, null, null);
        var settings = new ScanSettings { Rules = [rule], Parallelism = 1, UserRuleBudget = TimeSpan.FromSeconds(30), Time = new MinutePerReading() };

        // Act
        var result = Scan(repo, settings);

        // Assert
        Assert.Single(result.Findings);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("Rule acme-token used up its 30 s budget for this scan and was skipped for 2 file(s)", warning, StringComparison.Ordinal);
        Assert.Equal(warning, result.Incomplete);
    }

    [Fact]
    public void Built_in_rules_are_not_metered_so_a_slow_clock_leaves_the_scan_complete()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write("a.cfg", $"token = {Sample.Token("ghp_", 36, Sample.AlphaNumeric, 1)}\n").Write("b.cfg", $"token = {Sample.Token("ghp_", 36, Sample.AlphaNumeric, 2)}\n").Commit("two");

        // Act
        var result = Scan(repo, new ScanSettings { Parallelism = 1, UserRuleBudget = TimeSpan.FromSeconds(30), Time = new MinutePerReading() });

        // Assert
        Assert.Equal(2, result.Findings.Count);
        Assert.Null(result.Incomplete);
    }

    /// <summary>A clock that moves a minute every time it is read.</summary>
    private sealed class MinutePerReading : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerMinute);
    }
}
