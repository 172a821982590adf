using System.CommandLine;
using CiSecrets.Inventory;
using CiSecrets.Kubernetes;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets k8s apply [BUNDLE]</c>: decrypts the bundle in memory, writes the Secrets whose data
/// changed, restarts the workloads that read them and waits for their rollouts.
/// </summary>
internal static class KubernetesApplyCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var shared = new KubernetesOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show which Secrets and keys would change and which workloads would restart; write nothing." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for all rollouts, and at most for any one API call (default 300).", DefaultValueFactory = _ => 300 };
        var pollInterval = new Option<double>("--poll-interval") { Description = "Seconds between two reads of a rollout's status (default 2).", DefaultValueFactory = _ => 2 };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("apply", "Write changed Secrets to the cluster and restart only the workloads that read them.") { dryRun, timeout, pollInterval, format, output };
        shared.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var seconds = parsed.GetValue(timeout);
            if (seconds <= 0)
            {
                throw new InputException("--timeout", "must be a positive number of seconds");
            }

            var poll = parsed.GetValue(pollInterval);
            if (poll <= 0 || poll > seconds)
            {
                throw new InputException("--poll-interval", "must be a positive number of seconds, at most --timeout");
            }

            var options = new ApplyOptions { DryRun = parsed.GetValue(dryRun), Timeout = TimeSpan.FromSeconds(seconds), PollInterval = TimeSpan.FromSeconds(poll) };
            var manifests = Manifests(shared, parsed, environment);
            using var connection = ClusterConnection.Open(shared.Cluster(parsed) with { RequestTimeout = options.Timeout }, environment);
            var result = await new SecretApplier(connection, environment.Clock).ApplyAsync(manifests, options, cancellationToken);
            var report = KubernetesReports.Apply(result, options.DryRun);
            await new ReportOutput(environment, console).WriteAsync(report, parsed.GetValue(format)!, parsed.GetValue(output), null, cancellationToken);
            return (int)(result.Succeeded ? ExitCode.Clean : ExitCode.PolicyFailure);
        });
        return command;
    }

    /// <summary>The bundle's Secrets (with rotation times from the inventory when there is one), else the inventory's.</summary>
    private static IReadOnlyList<SecretManifest> Manifests(KubernetesOptions shared, ParseResult parsed, IEnvironment environment)
    {
        var inventory = shared.Inventory(parsed, environment);
        var identities = AgeIdentities.Load(environment);
        var log = inventory is null ? null : RotationLog.Load(inventory.Root);
        if (shared.BundlePath(parsed, environment) is { } bundle)
        {
            var manifests = SecretBundle.Load(bundle, identities);
            return inventory is null ? manifests : InventorySecrets.Annotate(manifests, inventory, log!);
        }

        return inventory is not null
            ? InventorySecrets.Manifests(inventory, log!, identities)
            : throw new InputException("k8s apply", $"give a bundle, or run where {SecretsInventory.FileName} maps secrets to Kubernetes");
    }
}
