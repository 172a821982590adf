using CiSecrets.Inventory;
using CiSecrets.Sops;
using CiSecrets.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CiSecrets.Gates.Tests;

/// <summary>Runs a phase of a test repository's policy the way the CLI does, with a chosen environment and clock.</summary>
internal static class GateRun
{
    public static GateContext Context(SecretsRepository repository, Dictionary<string, string>? environment = null, DateTimeOffset? now = null)
    {
        var variables = environment ?? repository.Environment();
        var clock = new FakeTimeProvider(now ?? TestClock.Now);
        var env = new DictionaryEnvironment(variables, repository.Path, clock);
        return new GateContext(repository.Path, SecretsInventory.Find(repository.Path)!, env, AgeIdentities.Load(env), clock.GetUtcNow());
    }

    public static Task<GateVerdict> PhaseAsync(SecretsRepository repository, string phase, Dictionary<string, string>? environment = null, DateTimeOffset? now = null) =>
        GateRunner.RunAsync(phase, Context(repository, environment, now), CancellationToken.None);

    public static CheckResult Result(this GateVerdict verdict, string check) => verdict.Outcomes.Single(o => o.Entry.Check == check).Result;
}
