namespace CiSecrets.Kubernetes.Tests;

public sealed class WorkloadManifestsTests
{
    private const string Manifests = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: log-shipper
          namespace: ops
        spec:
          selector: { matchLabels: { app: logs } }
          template:
            metadata: { labels: { app: logs } }
            spec:
              initContainers:
                - name: init
                  image: busybox
                  env:
                    - name: TOKEN
                      valueFrom: { secretKeyRef: { name: shipper-token, key: TOKEN } }
              containers: [{ name: ship, image: acme/ship:1 }]
              volumes:
                - name: certs
                  projected:
                    sources: [{ secret: { name: shipper-tls } }]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: settings }
        data: { level: info }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          selector: { matchLabels: { app: api } }
          template:
            metadata: { labels: { app: api } }
            spec:
              containers:
                - name: api
                  image: acme/api:1
                  envFrom: [{ secretRef: { name: shipper-token } }]
        """;

    [Fact]
    public void Workloads_and_the_Secrets_their_pod_templates_read_come_from_manifest_text()
    {
        // Act
        var workloads = WorkloadManifests.Read(Manifests);

        // Assert
        Assert.Equal(["DaemonSet ops/log-shipper: shipper-tls, shipper-token", "Deployment /api: shipper-token"],
            workloads.Select(w => $"{w.Kind} {w.Namespace}/{w.Name}: {string.Join(", ", w.Secrets)}"));
        Assert.Equal(["api", "log-shipper"], WorkloadManifests.ConsumersOf(workloads, "shipper-token", "ops"));
        Assert.Equal(["api"], WorkloadManifests.ConsumersOf(workloads, "shipper-token", "billing"));
        Assert.Equal(["log-shipper"], WorkloadManifests.ConsumersOf(workloads, "shipper-tls", null));
        Assert.Empty(WorkloadManifests.ConsumersOf(workloads, "settings", null));
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: [1, 2] }\n")]
    [InlineData("just text, not a manifest")]
    public void Text_that_is_no_workload_manifest_gives_no_workload(string text)
    {
        Assert.Empty(WorkloadManifests.Read(text));
    }
}
