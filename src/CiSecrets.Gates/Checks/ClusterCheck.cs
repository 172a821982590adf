using CiSecrets.Kubernetes;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// The cluster holds what the workloads need, through the Kubernetes capability's verify: every
/// Secret the inventory maps, with every key, no empty or placeholder value, none overdue. Runs only
/// when a kubeconfig is given (<c>--kubeconfig</c> or <c>KUBECONFIG</c>); otherwise skipped.
/// </summary>
internal sealed class ClusterCheck : IGateCheck
{
    public string Name => "cluster";

    public string Description => "The cluster's Secrets hold the inventory's keys, none empty, a placeholder or overdue (Kubernetes verify)";

    public async Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var kubeconfig = context.Kubeconfig ?? context.Environment.GetVariable("KUBECONFIG");
        if (string.IsNullOrEmpty(kubeconfig))
        {
            return CheckResult.Skipped("no kubeconfig");
        }

        var required = InventorySecrets.Required(context.Inventory);
        if (required.Count == 0)
        {
            return CheckResult.Skipped("the inventory maps no secret to a Kubernetes Secret");
        }

        ClusterConnection connection;
        try
        {
            connection = ClusterConnection.Open(new ClusterOptions { Kubeconfig = kubeconfig.Split(Path.PathSeparator)[0] }, context.Environment);
        }
        catch (InputException e)
        {
            return CheckResult.Skipped($"cannot connect: {e.Message}");
        }

        using (connection)
        {
            var checks = await new ClusterVerifier(connection, context.Environment.Clock).VerifyAsync(required, cancellationToken);
            if (checks.Count > 0 && checks.All(c => c.Status == SecretCheckStatus.Unreachable))
            {
                return CheckResult.Skipped($"cluster unreachable: {checks[0].Message}");
            }

            var failed = checks.Where(c => c.Failed).Select(c => c.Message).ToList();
            return CheckResult.FailIfAny(failed, $"{required.Count} Secret(s) in the cluster hold their keys");
        }
    }
}
