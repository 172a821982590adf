namespace CiSecrets.Gates.Checks;

/// <summary>
/// The cluster holds what the workloads need, through the Kubernetes capability's verify. That
/// capability is not part of this build yet, so the check reports why it did not run; a policy with
/// <c>when-skipped: block</c> makes that stop the phase.
/// </summary>
internal sealed class ClusterCheck : IGateCheck
{
    public string Name => "cluster";

    public string Description => "The cluster's Secrets hold the inventory's keys (Kubernetes verify)";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var kubeconfig = context.Kubeconfig ?? context.Environment.GetVariable("KUBECONFIG");
        return Task.FromResult(string.IsNullOrEmpty(kubeconfig)
            ? CheckResult.Skipped("no kubeconfig")
            : CheckResult.Skipped("cluster verification is not available in this build (the Kubernetes verify has not landed)"));
    }
}
