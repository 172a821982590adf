using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>One bundle with Secrets for several namespaces: each is written in its namespace and restarts only that namespace's consumers.</summary>
public sealed class NamespacesTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_bundle_for_several_namespaces_writes_each_secret_in_its_namespace_and_restarts_consumers_there_only()
    {
        // Arrange: apps/api changes, edge/api is new, edge/tls and the namespace-less cache (apps, the context's) are unchanged.
        await using var cluster = new TestCluster();
        var (appsKey, edgeKey, tls, cache) = (TestCluster.NewValue(), TestCluster.NewValue(), TestCluster.NewValue(), TestCluster.NewValue());
        var server = cluster.Server;
        server.AddSecret("apps", "api", new Dictionary<string, string> { ["API_KEY"] = TestCluster.NewValue() });
        server.AddSecret("apps", "cache", new Dictionary<string, string> { ["TOKEN"] = cache });
        server.AddSecret("edge", "tls", new Dictionary<string, string> { ["KEY"] = tls });
        server.AddWorkload("deployments", "apps", "web", PodSpecs.EnvKey("api", "API_KEY"));
        server.AddWorkload("deployments", "apps", "cacher", PodSpecs.EnvFrom("cache"));
        server.AddWorkload("deployments", "edge", "gateway", PodSpecs.EnvFrom("api"));
        server.AddWorkload("daemonsets", "edge", "proxy", PodSpecs.SecretVolume("tls"));
        server.AddWorkload("deployments", "other", "web", PodSpecs.EnvKey("api", "API_KEY"));
        var bundle = cluster.WriteNamespacedBundle(
            ("apps", "api", new Dictionary<string, string> { ["API_KEY"] = appsKey }),
            ("edge", "api", new Dictionary<string, string> { ["API_KEY"] = edgeKey }),
            ("edge", "tls", new Dictionary<string, string> { ["KEY"] = tls }),
            (null, "cache", new Dictionary<string, string> { ["TOKEN"] = cache }));

        // Act
        var result = await cluster.ApplyAsync(bundle);

        // Assert
        Assert.True(result.Succeeded);
        Assert.Equal(
            [("apps", "api", SecretAction.Updated), ("edge", "api", SecretAction.Created), ("edge", "tls", SecretAction.Unchanged), ("apps", "cache", SecretAction.Unchanged)],
            result.Secrets.Select(s => (s.Namespace, s.Name, s.Action)));
        Assert.Equal(
            [
                "PUT /api/v1/namespaces/apps/secrets/api",
                "POST /api/v1/namespaces/edge/secrets",
                "PATCH /apis/apps/v1/namespaces/apps/deployments/web",
                "PATCH /apis/apps/v1/namespaces/edge/deployments/gateway",
            ],
            server.WritePaths());
        Assert.Equal(appsKey, server.SecretData("apps", "api")["API_KEY"]);
        Assert.Equal(edgeKey, server.SecretData("edge", "api")["API_KEY"]);
        Assert.Equal(["apps/deployment/web", "edge/deployment/gateway"], result.Workloads.Select(w => $"{w.Workload.Namespace}/{w.Workload.Display}"));
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("/namespaces/other/", StringComparison.Ordinal));
    }
}
