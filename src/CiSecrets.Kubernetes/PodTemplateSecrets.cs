using k8s.Models;

namespace CiSecrets.Kubernetes;

/// <summary>
/// The consumer graph's edges: the Secret names a pod template reads through
/// <c>env[].valueFrom.secretKeyRef</c>, <c>envFrom[].secretRef</c>, <c>volumes[].secret</c> and
/// projected volume sources, in containers, init containers and ephemeral containers.
/// </summary>
public static class PodTemplateSecrets
{
    public static IReadOnlySet<string> Of(V1PodTemplateSpec? template)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var spec = template?.Spec;
        if (spec is null)
        {
            return names;
        }

        var containers = (spec.Containers ?? []).Select(c => (c.Env, c.EnvFrom))
            .Concat((spec.InitContainers ?? []).Select(c => (c.Env, c.EnvFrom)))
            .Concat((spec.EphemeralContainers ?? []).Select(c => (c.Env, c.EnvFrom)));
        foreach (var (env, envFrom) in containers)
        {
            foreach (var variable in env ?? [])
            {
                Add(names, variable.ValueFrom?.SecretKeyRef?.Name);
            }

            foreach (var source in envFrom ?? [])
            {
                Add(names, source.SecretRef?.Name);
            }
        }

        foreach (var volume in spec.Volumes ?? [])
        {
            Add(names, volume.Secret?.SecretName);
            foreach (var source in volume.Projected?.Sources ?? [])
            {
                Add(names, source.Secret?.Name);
            }
        }

        return names;
    }

    private static void Add(SortedSet<string> names, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            names.Add(name);
        }
    }
}
