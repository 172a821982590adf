using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>The library's view of a <see cref="TestCluster"/>: a connection through its kubeconfig, its bundles read with its key.</summary>
internal static class TestClusterExtensions
{
    public static ClusterConnection Connect(this TestCluster cluster) =>
        ClusterConnection.Open(new ClusterOptions { Kubeconfig = cluster.Kubeconfig }, new DictionaryEnvironment(new Dictionary<string, string>(), cluster.Directory.Path));

    public static IReadOnlyList<SecretManifest> ReadBundle(this TestCluster cluster, string path) => SecretBundle.Load(path, [cluster.Identity]);
}
