using System.Diagnostics;
using CiSecrets.Inventory;

namespace CiSecrets.Gates;

/// <summary>Runs the checks of a phase in policy order and gives the phase one verdict.</summary>
public static class GateRunner
{
    /// <summary>The environment variable a deploy phase sets to require that secrets come only from the encrypted bundle.</summary>
    public const string RequireEncryptedVariable = "REQUIRE_ENCRYPTED_SECRETS";

    public static async Task<GateVerdict> RunAsync(string phaseName, GateContext context, CancellationToken cancellationToken)
    {
        var phase = context.Inventory.FindPhase(phaseName)
            ?? throw new InputException(context.Inventory.SourcePath, $"no gate phase named '{phaseName}' (phases: {string.Join(", ", context.Inventory.Gates.Select(g => g.Name).DefaultIfEmpty("none"))})");
        var outcomes = new List<CheckOutcome>();
        foreach (var entry in EffectiveChecks(phase, context.Environment))
        {
            var check = GateChecks.Find(entry.Check) ?? throw new InputException(context.Inventory.SourcePath, $"line {entry.Line}: unknown check '{entry.Check}'");
            var clock = Stopwatch.StartNew();
            var result = await check.RunAsync(context, cancellationToken);
            outcomes.Add(new CheckOutcome(entry, check.Description, result, clock.Elapsed));
        }

        return new GateVerdict(phase.Name, outcomes);
    }

    /// <summary>
    /// The phase's checks; with <c>REQUIRE_ENCRYPTED_SECRETS=true</c> the require-encrypted check
    /// always runs and always blocks, whatever the policy lists, because the variable is how a
    /// deployment says it accepts secrets from the encrypted bundle only.
    /// </summary>
    public static IReadOnlyList<GateCheckEntry> EffectiveChecks(GatePhase phase, IEnvironment environment)
    {
        if (!environment.IsTrue(RequireEncryptedVariable))
        {
            return phase.Checks;
        }

        var required = new GateCheckEntry("require-encrypted", GateLevel.Block, SkippedPolicy.Block);
        return phase.Checks.Any(c => c.Check == required.Check)
            ? [.. phase.Checks.Select(c => c.Check == required.Check ? c with { Level = GateLevel.Block, WhenSkipped = SkippedPolicy.Block } : c)]
            : [required, .. phase.Checks];
    }
}
