using CiSecrets.Inventory;

namespace CiSecrets.Gates;

/// <summary>A check as a phase ran it: the policy entry, the check's own result, and what it means for the phase.</summary>
public sealed record CheckOutcome(GateCheckEntry Entry, string Description, CheckResult Result, TimeSpan Duration)
{
    /// <summary>
    /// What the result counts as under the policy: a failure at level <c>warn</c> only warns; a skip
    /// counts as <c>when-skipped</c> says (pass by default).
    /// </summary>
    public CheckStatus Effect => (Result.Status, Entry.Level, Entry.WhenSkipped) switch
    {
        (CheckStatus.Fail, GateLevel.Block, _) => CheckStatus.Fail,
        (CheckStatus.Fail, GateLevel.Warn, _) => CheckStatus.Warn,
        (CheckStatus.Skipped, _, SkippedPolicy.Block) => CheckStatus.Fail,
        (CheckStatus.Skipped, _, SkippedPolicy.Warn) => CheckStatus.Warn,
        (CheckStatus.Skipped, _, _) => CheckStatus.Pass,
        (var status, _, _) => status,
    };

    public bool Blocks => Effect == CheckStatus.Fail;
}

/// <summary>One verdict for a phase: fail when a blocking check failed (or a skip blocks), warn when anything warned.</summary>
public sealed record GateVerdict(string Phase, IReadOnlyList<CheckOutcome> Outcomes)
{
    public CheckStatus Status =>
        Outcomes.Any(o => o.Blocks) ? CheckStatus.Fail : Outcomes.Any(o => o.Effect == CheckStatus.Warn) ? CheckStatus.Warn : CheckStatus.Pass;

    public bool Passed => Status != CheckStatus.Fail;
}
