using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiSecrets.Kubernetes;

/// <summary>
/// The workloads a repository declares in its manifest files (Deployment, StatefulSet, DaemonSet,
/// CronJob: the kinds apply restarts) and the Secrets their pod templates read, through the same
/// consumer-graph edges as in the cluster (<see cref="PodTemplateSecrets"/>). <c>cisecrets init</c>
/// fills each inventory secret's consumers from them. A workload without a namespace has
/// <see cref="Workload.Namespace"/> empty: it is applied to whichever namespace the deploy names.
/// </summary>
public static class WorkloadManifests
{
    /// <summary>
    /// The workloads in one file's text; documents of other kinds, and text that is not YAML (a Helm template), give none.
    /// YAML nested too deep or with an alias bomb is an <see cref="InputException"/> naming <paramref name="subject"/>.
    /// </summary>
    public static IReadOnlyList<Workload> Read(string text, string subject = "manifest")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(YamlBounds.Parser(text, subject));
        }
        catch (YamlException)
        {
            return [];
        }

        var workloads = new List<Workload>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root
                && root.Children.TryGetValue("kind", out var kindNode) && kindNode is YamlScalarNode { Value: { } kind }
                && Enum.TryParse<WorkloadKind>(kind, ignoreCase: false, out var workloadKind)
                && Describe(workloadKind, Text(document)) is { } workload)
            {
                workloads.Add(workload);
            }
        }

        return workloads;
    }

    /// <summary>The names of the workloads that read this Secret, in order, once each. A namespace on either side must agree when both have one.</summary>
    public static IReadOnlyList<string> ConsumersOf(IEnumerable<Workload> workloads, string secret, string? ns) =>
        [.. workloads
            .Where(w => w.Secrets.Contains(secret) && (string.IsNullOrEmpty(ns) || w.Namespace.Length == 0 || w.Namespace == ns))
            .Select(w => w.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static Workload? Describe(WorkloadKind kind, string yaml)
    {
        try
        {
            return kind switch
            {
                WorkloadKind.Deployment => Of(kind, KubernetesYaml.Deserialize<V1Deployment>(yaml) is var d ? (d.Metadata, d.Spec?.Template) : default),
                WorkloadKind.StatefulSet => Of(kind, KubernetesYaml.Deserialize<V1StatefulSet>(yaml) is var s ? (s.Metadata, s.Spec?.Template) : default),
                WorkloadKind.DaemonSet => Of(kind, KubernetesYaml.Deserialize<V1DaemonSet>(yaml) is var ds ? (ds.Metadata, ds.Spec?.Template) : default),
                _ => Of(kind, KubernetesYaml.Deserialize<V1CronJob>(yaml) is var c ? (c.Metadata, c.Spec?.JobTemplate?.Spec?.Template) : default),
            };
        }
        catch (YamlException)
        {
            // A field of the wrong type: not a manifest kubectl would accept either.
            return null;
        }
    }

    private static Workload? Of(WorkloadKind kind, (V1ObjectMeta? Metadata, V1PodTemplateSpec? Template) manifest) =>
        manifest.Metadata?.Name is { Length: > 0 } name
            ? new Workload(kind, manifest.Metadata.NamespaceProperty ?? "", name, PodTemplateSecrets.Of(manifest.Template))
            : null;

    private static string Text(YamlDocument document)
    {
        var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
