using k8s.Models;

namespace CiSecrets.Kubernetes;

/// <summary>
/// kubectl's rollout-status rules, per kind.
/// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollout_status.go
/// </summary>
public static class RolloutRules
{
    public static RolloutProgress Of(V1Deployment deployment)
    {
        var status = deployment.Status ?? new V1DeploymentStatus();
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return RolloutProgress.Waiting("waiting for the rollout to be observed");
        }

        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" })
        {
            return RolloutProgress.Failed("exceeded its progress deadline");
        }

        var wanted = deployment.Spec.Replicas ?? 1;
        var updated = status.UpdatedReplicas ?? 0;
        if (updated < wanted)
        {
            return RolloutProgress.Waiting($"{updated} of {wanted} new replicas updated");
        }

        if ((status.Replicas ?? 0) > updated)
        {
            return RolloutProgress.Waiting($"{(status.Replicas ?? 0) - updated} old replicas pending termination");
        }

        var available = status.AvailableReplicas ?? 0;
        return available < updated
            ? RolloutProgress.Waiting($"{available} of {updated} updated replicas available")
            : RolloutProgress.Done();
    }

    public static RolloutProgress Of(V1StatefulSet statefulSet)
    {
        if (statefulSet.Spec.UpdateStrategy?.Type is { } type && type != "RollingUpdate")
        {
            return RolloutProgress.Done($"update strategy {type}: pods pick the new values up when they are deleted");
        }

        var status = statefulSet.Status ?? new V1StatefulSetStatus();
        if ((status.ObservedGeneration ?? 0) == 0 || (statefulSet.Metadata.Generation ?? 0) > status.ObservedGeneration)
        {
            return RolloutProgress.Waiting("waiting for the rollout to be observed");
        }

        var wanted = statefulSet.Spec.Replicas ?? 1;
        var ready = status.ReadyReplicas ?? 0;
        if (ready < wanted)
        {
            return RolloutProgress.Waiting($"{ready} of {wanted} pods ready");
        }

        if (statefulSet.Spec.UpdateStrategy?.RollingUpdate?.Partition is { } partition)
        {
            var updated = status.UpdatedReplicas ?? 0;
            return updated < wanted - partition
                ? RolloutProgress.Waiting($"{updated} of {wanted - partition} pods updated")
                : RolloutProgress.Done($"partitioned roll out complete: {updated} new pods");
        }

        return status.UpdateRevision != status.CurrentRevision
            ? RolloutProgress.Waiting($"{status.UpdatedReplicas ?? 0} of {wanted} pods at the new revision")
            : RolloutProgress.Done();
    }

    public static RolloutProgress Of(V1DaemonSet daemonSet)
    {
        if (daemonSet.Spec.UpdateStrategy?.Type is { } type && type != "RollingUpdate")
        {
            return RolloutProgress.Done($"update strategy {type}: pods pick the new values up when they are deleted");
        }

        var status = daemonSet.Status ?? new V1DaemonSetStatus();
        if ((daemonSet.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return RolloutProgress.Waiting("waiting for the rollout to be observed");
        }

        if ((status.UpdatedNumberScheduled ?? 0) < status.DesiredNumberScheduled)
        {
            return RolloutProgress.Waiting($"{status.UpdatedNumberScheduled ?? 0} of {status.DesiredNumberScheduled} updated pods scheduled");
        }

        return (status.NumberAvailable ?? 0) < status.DesiredNumberScheduled
            ? RolloutProgress.Waiting($"{status.NumberAvailable ?? 0} of {status.DesiredNumberScheduled} updated pods available")
            : RolloutProgress.Done();
    }
}
