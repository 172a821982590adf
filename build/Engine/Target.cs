using System.Collections.Immutable;

namespace CiSecrets.Build.Engine;

/// <summary>
/// One build step: what it is called, what it is for, which targets must run before it and what it does.
/// Declared as an expression-bodied property of <c>Build</c>, like a Nuke target.
/// </summary>
public sealed record Target(string Name, string Description, ImmutableArray<string> DependsOn, Action Action)
{
    /// <summary>Checked when the target is reached; when it does not hold the target is skipped, successfully.</summary>
    public TargetCondition? Condition { get; init; }

    /// <summary>Like Nuke's <c>OnlyWhenDynamic</c>: run only when <paramref name="condition"/> holds at that moment.</summary>
    public Target OnlyWhen(Func<bool> condition, string whenNotMet) => this with { Condition = new(condition, whenNotMet) };
}

/// <summary>A run-time condition and the line printed when it does not hold.</summary>
public sealed record TargetCondition(Func<bool> IsMet, string WhenNotMet);
