using System.Text.Json.Nodes;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>How the wait follows kubectl's rollout-status rules: a progress deadline, a StatefulSet partition, OnDelete.</summary>
public sealed class RolloutStrategyTests
{
    private static readonly ApplyOptions Short = TestClusterExtensions.Fast with { Timeout = TimeSpan.FromSeconds(5) };

    private static string Bundle(TestCluster cluster) => cluster.WriteBundle(("cache", new Dictionary<string, string> { ["TOKEN"] = TestCluster.NewValue() }));

    private static List<string> Calls(TestCluster cluster, string path) =>
        [.. cluster.Server.Requests.Where(r => r.Path == path).Select(r => r.Method)];

    [Fact(Timeout = 60_000)]
    public async Task A_deployment_that_exceeds_its_progress_deadline_is_a_failed_rollout_reported_before_the_timeout()
    {
        // Arrange
        await using var cluster = new TestCluster();
        cluster.Server.AddWorkload("deployments", "apps", "web", PodSpecs.EnvFrom("cache"));
        cluster.Server.AddWorkload("deployments", "apps", "worker", PodSpecs.SecretVolume("cache"));
        cluster.Server.ExceedProgressDeadline("apps", "web");

        // Act
        var result = await cluster.ApplyAsync(Bundle(cluster), TestClusterExtensions.Fast);

        // Assert: failed, not timed out (waiting for the deadline would report "timed out"); the other rollout still completed.
        Assert.False(result.Succeeded);
        var web = Assert.Single(result.Workloads, w => w.Workload.Name == "web");
        Assert.Equal((WorkloadAction.Failed, "exceeded its progress deadline"), (web.Action, web.Message));
        Assert.Equal(WorkloadAction.RolledOut, Assert.Single(result.Workloads, w => w.Workload.Name == "worker").Action);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_partitioned_statefulset_is_done_when_the_pods_above_the_partition_are_updated()
    {
        // Arrange: 3 replicas, partition 1: ordinals 1 and 2 get the new revision, 0 keeps the old one.
        await using var cluster = new TestCluster();
        var strategy = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 1 } };
        cluster.Server.AddWorkload("statefulsets", "apps", "pg", PodSpecs.SecretVolume("cache"), replicas: 3, updateStrategy: strategy);

        // Act
        var result = await cluster.ApplyAsync(Bundle(cluster), Short);

        // Assert: the revisions never converge, yet the rollout is complete under the partition rule.
        var pg = Assert.Single(result.Workloads);
        Assert.Equal((WorkloadAction.RolledOut, "partitioned roll out complete: 2 new pods"), (pg.Action, pg.Message));
        var status = cluster.Server.Get("statefulsets", "apps", "pg")!["status"]!;
        Assert.NotEqual(status["currentRevision"]!.GetValue<string>(), status["updateRevision"]!.GetValue<string>());
        var calls = Calls(cluster, "/apis/apps/v1/namespaces/apps/statefulsets/pg");
        Assert.Equal("PATCH", calls[0]);
        Assert.True(calls.Count(c => c == "GET") >= cluster.Server.RolloutPolls, "the partitioned rollout was not waited for");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("statefulsets")]
    [InlineData("daemonsets")]
    public async Task An_on_delete_workload_is_patched_not_waited_for_and_reported_as_such(string resource)
    {
        // Arrange: with OnDelete the simulated controller replaces no pod, so a wait could only time out.
        await using var cluster = new TestCluster();
        cluster.Server.AddWorkload(resource, "apps", "pg", PodSpecs.SecretVolume("cache"), updateStrategy: new JsonObject { ["type"] = "OnDelete" });
        cluster.Server.AddWorkload("deployments", "apps", "web", PodSpecs.EnvFrom("cache"));

        // Act
        var result = await cluster.ApplyAsync(Bundle(cluster), Short);

        // Assert
        Assert.True(result.Succeeded);
        var pg = Assert.Single(result.Workloads, w => w.Workload.Name == "pg");
        Assert.Equal(WorkloadAction.NotWaited, pg.Action);
        Assert.StartsWith("update strategy OnDelete: restart annotation set, not waited for", pg.Message, StringComparison.Ordinal);
        Assert.Equal(["PATCH"], Calls(cluster, $"/apis/apps/v1/namespaces/apps/{resource}/pg"));
        Assert.NotNull(cluster.Server.Get(resource, "apps", "pg")!["spec"]!["template"]!["metadata"]!["annotations"]![Workloads.RestartedAtAnnotation]);
        Assert.Equal(WorkloadAction.RolledOut, Assert.Single(result.Workloads, w => w.Workload.Name == "web").Action);
    }
}
