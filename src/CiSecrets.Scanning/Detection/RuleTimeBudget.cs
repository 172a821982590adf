using System.Collections.Concurrent;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// What user-written rules (custom and gitleaks-config rules, whose patterns may backtrack) cost
/// in one scan, shared by every worker: each pattern timeout on a window, and the total time each
/// rule has spent. A rule over its budget is not run again. Either way some text went unchecked,
/// so the scan is incomplete: its result says so with one warning per rule, and a gate fails closed.
/// </summary>
public sealed class RuleTimeBudget(TimeSpan perRule, TimeProvider time)
{
    /// <summary>Default total time a user rule may take in one scan.</summary>
    public static readonly TimeSpan DefaultPerRule = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, RuleCost> _costs = new(StringComparer.Ordinal);

    public TimeProvider Time { get; } = time;

    /// <summary>True while the rule may still run.</summary>
    public bool Allows(string ruleId) => !_costs.TryGetValue(ruleId, out var cost) || !cost.Exhausted;

    /// <summary>Adds what one run of the rule took; past the budget the rule stops.</summary>
    public void Spent(string ruleId, TimeSpan elapsed)
    {
        var cost = _costs.GetOrAdd(ruleId, _ => new RuleCost());
        lock (cost)
        {
            cost.Elapsed += elapsed;
            cost.Exhausted |= cost.Elapsed > perRule;
        }
    }

    /// <summary>The rule's pattern gave up on a window of <paramref name="path"/>.</summary>
    public void TimedOut(string ruleId, string path)
    {
        var cost = _costs.GetOrAdd(ruleId, _ => new RuleCost());
        lock (cost)
        {
            cost.Timeouts++;
            cost.FirstPath ??= path;
        }
    }

    /// <summary>A file the rule applied to was not checked because its budget was spent.</summary>
    public void Skipped(string ruleId, string path)
    {
        var cost = _costs.GetOrAdd(ruleId, _ => new RuleCost());
        lock (cost)
        {
            cost.SkippedFiles++;
            cost.FirstSkipped ??= path;
        }
    }

    /// <summary>True when some rule timed out or ran out of budget: not everything was evaluated.</summary>
    public bool Incomplete => _costs.Values.Any(cost => cost.Timeouts > 0 || cost.Exhausted);

    /// <summary>Pattern timeouts over all rules.</summary>
    public long Timeouts => _costs.Values.Sum(cost => cost.Timeouts);

    /// <summary>One line per rule that did not evaluate everything, naming the rule.</summary>
    public IEnumerable<string> Warnings =>
        _costs.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => Describe(pair.Key, pair.Value));

    private IEnumerable<string> Describe(string ruleId, RuleCost cost)
    {
        if (cost.Timeouts > 0)
        {
            yield return $"Rule {ruleId} timed out {cost.Timeouts} time(s) (first in {cost.FirstPath}): its pattern backtracks; the text it gave up on was not checked. Make the pattern linear (no nested quantifiers, no backreferences).";
        }

        if (cost.Exhausted)
        {
            yield return $"Rule {ruleId} used up its {perRule.TotalSeconds:0.#} s budget for this scan and was skipped for {cost.SkippedFiles} file(s){(cost.FirstSkipped is null ? "" : $" (first {cost.FirstSkipped})")}: the scan is incomplete.";
        }
    }

    private sealed class RuleCost
    {
        public TimeSpan Elapsed;
        public bool Exhausted;
        public long Timeouts;
        public long SkippedFiles;
        public string? FirstPath;
        public string? FirstSkipped;
    }
}
