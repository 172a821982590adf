namespace CiSecrets.Build.Engine;

/// <summary>
/// The targets to run, in dependency order: every target comes after the targets it depends on.
/// Targets named by <c>--skip</c> stay in the plan (so the summary shows them) but do not run.
/// </summary>
public sealed class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<Target> ordered, IReadOnlySet<string> skipped)
    {
        Targets = ordered;
        Skipped = skipped;
    }

    public IReadOnlyList<Target> Targets { get; }

    public IReadOnlySet<string> Skipped { get; }

    /// <param name="targets">Every declared target, by name.</param>
    /// <param name="invoked">The targets asked for on the command line.</param>
    /// <param name="skip">
    /// Null when <c>--skip</c> was not given; empty for a bare <c>--skip</c>, which skips every
    /// target that was not invoked (Nuke's meaning); otherwise the targets to skip.
    /// </param>
    public static ExecutionPlan Create(
        IReadOnlyDictionary<string, Target> targets,
        IReadOnlyList<string> invoked,
        IReadOnlyList<string>? skip)
    {
        var ordered = new List<Target>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();

        foreach (var name in invoked)
        {
            Visit(Resolve(targets, name, requiredBy: null));
        }

        var invokedNames = new HashSet<string>(invoked.Select(name => Resolve(targets, name, null).Name));
        var skipped = skip switch
        {
            null => new HashSet<string>(),
            [] => ordered.Select(t => t.Name).Where(name => !invokedNames.Contains(name)).ToHashSet(),
            _ => skip.Select(name => Resolve(targets, name, null).Name).ToHashSet(),
        };
        return new ExecutionPlan(ordered, skipped);

        void Visit(Target target)
        {
            if (done.Contains(target.Name))
            {
                return;
            }

            var cycleStart = path.FindIndex(name => name.Equals(target.Name, StringComparison.OrdinalIgnoreCase));
            if (cycleStart >= 0)
            {
                var cycle = path.Skip(cycleStart).Append(target.Name);
                throw new BuildUsageException($"Target dependency cycle: {string.Join(" -> ", cycle)}");
            }

            path.Add(target.Name);
            foreach (var dependency in target.DependsOn)
            {
                Visit(Resolve(targets, dependency, requiredBy: target.Name));
            }

            path.RemoveAt(path.Count - 1);
            done.Add(target.Name);
            ordered.Add(target);
        }
    }

    private static Target Resolve(IReadOnlyDictionary<string, Target> targets, string name, string? requiredBy) =>
        targets.TryGetValue(name, out var target)
            ? target
            : throw new BuildUsageException(requiredBy is null
                ? $"Unknown target '{name}'. Known targets: {string.Join(", ", targets.Keys)}."
                : $"Target '{requiredBy}' depends on '{name}', which is not declared.");
}
