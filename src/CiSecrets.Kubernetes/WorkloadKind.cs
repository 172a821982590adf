namespace CiSecrets.Kubernetes;

/// <summary>The workload kinds whose pods can read a Secret and that apply knows how to restart.</summary>
public enum WorkloadKind
{
    Deployment,
    StatefulSet,
    DaemonSet,
    CronJob,
}
