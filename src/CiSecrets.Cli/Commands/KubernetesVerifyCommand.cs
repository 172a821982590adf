using System.CommandLine;
using CiSecrets.Kubernetes;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets k8s verify [BUNDLE]</c>: every required Secret and key exists, no value is empty or a
/// placeholder, none is overdue for rotation. Prints names, statuses and (with --detailed) byte
/// lengths; never a value.
/// </summary>
internal static class KubernetesVerifyCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var shared = new KubernetesOptions();
        var detailed = new Option<bool>("--detailed") { Description = "Also list every key that passed, with its value's length in bytes." };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var command = new Command("verify", "Check that the cluster holds every required Secret and key, non-empty, not a placeholder, not overdue.") { detailed, format, output };
        shared.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var required = Required(shared, parsed, environment);
            using var connection = ClusterConnection.Open(shared.Cluster(parsed), environment);
            var checks = await new ClusterVerifier(connection, environment.Clock).VerifyAsync(required, cancellationToken);
            var report = KubernetesReports.Verify(checks, parsed.GetValue(detailed));
            await new ReportOutput(environment, console).WriteAsync(report, parsed.GetValue(format)!, parsed.GetValue(output), null, cancellationToken);
            return (int)(checks.Any(c => c.Failed) ? ExitCode.PolicyFailure : ExitCode.Clean);
        });
        return command;
    }

    /// <summary>
    /// Every Secret and key of the bundle, else the inventory's mapped Secrets. Neither needs a
    /// decryption: verify checks values in the cluster, and sops leaves key names in plaintext. Only a
    /// bundle whose Secret names are themselves encrypted is decrypted, with the age identity.
    /// </summary>
    private static IReadOnlyList<RequiredSecret> Required(KubernetesOptions shared, ParseResult parsed, IEnvironment environment)
    {
        var inventory = shared.Inventory(parsed, environment);
        if (shared.BundlePath(parsed, environment) is { } bundle)
        {
            var file = SopsFile.Load(bundle);
            var secrets = SecretBundle.TryReadKeys(file, out var keys)
                ? keys
                : [.. SecretBundle.Read(file.Decrypt(AgeIdentities.Load(environment))).Select(m => new SecretKeys(m.Name, m.Namespace, [.. m.Data.Keys]))];
            return [.. secrets.Select(s => InventorySecrets.Required(s, inventory))];
        }

        return inventory is not null
            ? InventorySecrets.Required(inventory)
            : throw new InputException("k8s verify", $"give a bundle, or run where {Inventory.SecretsInventory.FileName} maps secrets to Kubernetes");
    }
}
