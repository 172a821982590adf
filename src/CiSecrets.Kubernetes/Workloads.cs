using System.Globalization;
using k8s;
using k8s.Models;

namespace CiSecrets.Kubernetes;

/// <summary>
/// Lists the workloads of a namespace with the Secrets they read, restarts one the way
/// <c>kubectl rollout restart</c> does, and reads its rollout progress.
/// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/objectrestarter.go
/// </summary>
public sealed class Workloads(IKubernetes client)
{
    /// <summary>The pod-template annotation kubectl sets to restart a workload.</summary>
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    public async Task<IReadOnlyList<Workload>> ListAsync(string ns, CancellationToken cancellationToken)
    {
        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken);
        var statefulSets = await client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: cancellationToken);
        var daemonSets = await client.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: cancellationToken);
        var cronJobs = await client.BatchV1.ListNamespacedCronJobAsync(ns, cancellationToken: cancellationToken);

        return
        [
            .. deployments.Items.Select(d => Describe(WorkloadKind.Deployment, ns, d.Metadata, d.Spec.Template) with { Paused = d.Spec.Paused == true }),
            .. statefulSets.Items.Select(s => Describe(WorkloadKind.StatefulSet, ns, s.Metadata, s.Spec.Template) with { OnDelete = s.Spec.UpdateStrategy?.Type == "OnDelete" }),
            .. daemonSets.Items.Select(d => Describe(WorkloadKind.DaemonSet, ns, d.Metadata, d.Spec.Template) with { OnDelete = d.Spec.UpdateStrategy?.Type == "OnDelete" }),
            .. cronJobs.Items.Select(c => Describe(WorkloadKind.CronJob, ns, c.Metadata, c.Spec.JobTemplate?.Spec?.Template)),
        ];
    }

    /// <summary>
    /// Sets the restart annotation with a strategic merge patch, which keeps every other pod-template
    /// annotation (unlike the client's restart example, which replaces the map). A CronJob gets it on
    /// its job template, so the next run starts with the new values.
    /// </summary>
    public async Task RestartAsync(Workload workload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var annotations = new Dictionary<string, string> { [RestartedAtAnnotation] = Format(now) };
        var template = new { metadata = new { annotations } };
        object body = workload.Kind == WorkloadKind.CronJob
            ? new { spec = new { jobTemplate = new { spec = new { template } } } }
            : new { spec = new { template } };
        var patch = new V1Patch(body, V1Patch.PatchType.StrategicMergePatch);
        _ = workload.Kind switch
        {
            WorkloadKind.Deployment => (object)await client.AppsV1.PatchNamespacedDeploymentAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
            WorkloadKind.StatefulSet => await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
            WorkloadKind.DaemonSet => await client.AppsV1.PatchNamespacedDaemonSetAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
            WorkloadKind.CronJob => await client.BatchV1.PatchNamespacedCronJobAsync(patch, workload.Name, workload.Namespace, cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        };
    }

    /// <summary>Reads the workload and applies kubectl's rollout-status rules to it.</summary>
    public async Task<RolloutProgress> ProgressAsync(Workload workload, CancellationToken cancellationToken) => workload.Kind switch
    {
        WorkloadKind.Deployment => RolloutRules.Of(await client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
        WorkloadKind.StatefulSet => RolloutRules.Of(await client.AppsV1.ReadNamespacedStatefulSetAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
        WorkloadKind.DaemonSet => RolloutRules.Of(await client.AppsV1.ReadNamespacedDaemonSetAsync(workload.Name, workload.Namespace, cancellationToken: cancellationToken)),
        _ => RolloutProgress.Done("takes effect at the next scheduled run"),
    };

    /// <summary>RFC 3339 in UTC to the second, as kubectl writes it.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static Workload Describe(WorkloadKind kind, string ns, V1ObjectMeta metadata, V1PodTemplateSpec? template) =>
        new(kind, ns, metadata.Name, PodTemplateSecrets.Of(template))
        {
            RestartedAt = Parse(template?.Metadata?.Annotations?.TryGetValue(RestartedAtAnnotation, out var at) == true ? at : null),
            CreatedAt = metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        };
}
