using CiSecrets.Testing.Kubernetes;
using CiSecrets.Testing;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>The library's view of a <see cref="TestCluster"/>: a connection through its kubeconfig, its bundles read with its key, an apply against it.</summary>
internal static class TestClusterExtensions
{
    /// <summary>Polls fast so that simulated rollouts finish in milliseconds; the deadline still stops a stalled one.</summary>
    public static readonly ApplyOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromSeconds(20) };

    public static ClusterConnection Connect(this TestCluster cluster) =>
        ClusterConnection.Open(new ClusterOptions { Kubeconfig = cluster.Kubeconfig }, new DictionaryEnvironment(new Dictionary<string, string>(), cluster.Directory.Path, TestClock.Create()));

    public static IReadOnlyList<SecretManifest> ReadBundle(this TestCluster cluster, string path) => SecretBundle.Load(path, [cluster.Identity]);

    public static async Task<ApplyResult> ApplyAsync(this TestCluster cluster, string bundle, ApplyOptions? options = null)
    {
        using var connection = cluster.Connect();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        return await new SecretApplier(connection, cluster.Clock).ApplyAsync(cluster.ReadBundle(bundle), options ?? Fast, timeout.Token);
    }

    public static List<string> WritePaths(this FakeKubernetesApiServer server) => [.. server.Writes.Select(w => $"{w.Method} {w.Path}")];
}
