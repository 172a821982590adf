using CiSecrets.Testing;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Cli.Tests;

/// <summary><c>k8s apply --timeout</c> bounds every API call too: a hung API server costs the timeout, not the client's 100 s per call.</summary>
public sealed class KubernetesHungApiTests
{
    [Fact(Timeout = 120_000)]
    public async Task Apply_against_a_hung_api_server_fails_within_the_timeout_naming_it()
    {
        // Arrange: the server accepts every connection and never answers a read.
        await using var cluster = new TestCluster();
        var bundle = cluster.WriteBundle(("api", new Dictionary<string, string> { ["API_KEY"] = TestCluster.NewValue() }));
        cluster.Server.AddWorkload("deployments", "apps", "web", PodSpecs.EnvKey("api", "API_KEY"));
        cluster.Server.Hang("GET", "");

        // Act: a generous bound (a tenth of one call's old cost), measured without reading a clock.
        var run = CliRunner.RunAsync(cluster.Directory.Path, cluster.Environment, "k8s", "apply", "--timeout", "2", "--poll-interval", "1", bundle, "--kubeconfig", cluster.Kubeconfig);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(45), TestContext.Current.CancellationToken));

        // Assert
        Assert.Same(run, finished);
        var result = await run;
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no answer from the API server within the 2s timeout", result.Output, StringComparison.Ordinal);
    }
}
