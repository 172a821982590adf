using System.Text.Json;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

public sealed class ApplyTests
{
    /// <summary>
    /// db is unchanged, api changes, cache is new. web, pg, agent and report read api or cache each a
    /// different way; reader reads db only and idle reads nothing.
    /// </summary>
    private sealed record Scenario(TestCluster Cluster, string Bundle, string DbPassword, string NewApiKey, string OldApiKey, string CacheToken);

    private static Scenario Arrange(TestCluster cluster)
    {
        var (db, newApi, oldApi, cache) = (TestCluster.NewValue(), TestCluster.NewValue(), TestCluster.NewValue(), TestCluster.NewValue());
        var server = cluster.Server;
        server.AddSecret(TestCluster.Namespace, "db", new Dictionary<string, string> { ["PASSWORD"] = db });
        server.AddSecret(TestCluster.Namespace, "api", new Dictionary<string, string> { ["API_KEY"] = oldApi, ["REGION"] = "eu" });
        server.AddWorkload("deployments", TestCluster.Namespace, "web", PodSpecs.EnvKey("api", "API_KEY"));
        server.AddWorkload("statefulsets", TestCluster.Namespace, "pg", PodSpecs.SecretVolume("cache"));
        server.AddWorkload("daemonsets", TestCluster.Namespace, "agent", PodSpecs.ProjectedVolume("cache"));
        server.AddWorkload("deployments", TestCluster.Namespace, "migrator", PodSpecs.InitContainerEnvFrom("cache"));
        server.AddWorkload("cronjobs", TestCluster.Namespace, "report", PodSpecs.EnvFrom("api"));
        server.AddWorkload("deployments", TestCluster.Namespace, "reader", PodSpecs.EnvFrom("db"));
        server.AddWorkload("deployments", TestCluster.Namespace, "idle", PodSpecs.NoSecrets());
        server.AddWorkload("deployments", "elsewhere", "web", PodSpecs.EnvKey("api", "API_KEY"));
        var bundle = cluster.WriteBundle(
            ("db", new Dictionary<string, string> { ["PASSWORD"] = db }),
            ("api", new Dictionary<string, string> { ["API_KEY"] = newApi, ["REGION"] = "eu" }),
            ("cache", new Dictionary<string, string> { ["TOKEN"] = cache }));
        return new Scenario(cluster, bundle, db, newApi, oldApi, cache);
    }

    [Fact(Timeout = 60_000)]
    public async Task Apply_writes_only_changed_secrets_and_restarts_only_their_consumers()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var scenario = Arrange(cluster);

        // Act
        var result = await cluster.ApplyAsync(scenario.Bundle);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Workloads.Select(w => $"{w.Workload.Display}: {w.Action} {w.Message}")));
        Assert.Equal(
            [
                "PUT /api/v1/namespaces/apps/secrets/api",
                "POST /api/v1/namespaces/apps/secrets",
                "PATCH /apis/apps/v1/namespaces/apps/deployments/migrator",
                "PATCH /apis/apps/v1/namespaces/apps/deployments/web",
                "PATCH /apis/apps/v1/namespaces/apps/statefulsets/pg",
                "PATCH /apis/apps/v1/namespaces/apps/daemonsets/agent",
                "PATCH /apis/batch/v1/namespaces/apps/cronjobs/report",
            ],
            cluster.Server.WritePaths());
        Assert.Equal([("db", SecretAction.Unchanged), ("api", SecretAction.Updated), ("cache", SecretAction.Created)], result.Secrets.Select(s => (s.Name, s.Action)));
        Assert.Equal(["API_KEY"], result.Secrets[1].ChangedKeys);
        Assert.Equal(scenario.NewApiKey, cluster.Server.SecretData("apps", "api")["API_KEY"]);
        Assert.Equal(scenario.CacheToken, cluster.Server.SecretData("apps", "cache")["TOKEN"]);

        var api = cluster.Server.Get("secrets", "apps", "api")!;
        Assert.Equal("cisecrets", api["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.NotNull(api["metadata"]!["annotations"]![SecretApplier.RotatedAtAnnotation]);
        Assert.Null(cluster.Server.Get("secrets", "apps", "db")!["metadata"]!["labels"]);

        Assert.Equal(
            [("deployment/migrator", WorkloadAction.RolledOut), ("deployment/web", WorkloadAction.RolledOut), ("statefulset/pg", WorkloadAction.RolledOut),
             ("daemonset/agent", WorkloadAction.RolledOut), ("cronjob/report", WorkloadAction.Scheduled)],
            result.Workloads.Select(w => (w.Workload.Display, w.Action)));

        // The restart is kubectl's annotation, merged into the pod template's existing annotations.
        var annotations = cluster.Server.Get("deployments", "apps", "web")!["spec"]!["template"]!["metadata"]!["annotations"]!;
        Assert.NotNull(annotations[Workloads.RestartedAtAnnotation]);
        Assert.Equal("platform", annotations["team"]!.GetValue<string>());
        Assert.NotNull(cluster.Server.Get("cronjobs", "apps", "report")!["spec"]!["jobTemplate"]!["spec"]!["template"]!["metadata"]!["annotations"]![Workloads.RestartedAtAnnotation]);

        // The rollout was waited for: the status was read until the simulated rollout completed.
        var requests = cluster.Server.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        var patched = requests.IndexOf("PATCH /apis/apps/v1/namespaces/apps/deployments/web");
        Assert.True(requests.Skip(patched).Count(r => r == "GET /apis/apps/v1/namespaces/apps/deployments/web") >= cluster.Server.RolloutPolls);
        Assert.DoesNotContain(requests, r => r.Contains("/cronjobs/report", StringComparison.Ordinal) && r.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_apply_of_the_same_bundle_writes_nothing()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var scenario = Arrange(cluster);
        await cluster.ApplyAsync(scenario.Bundle);
        var writes = cluster.Server.Writes.Count;

        // Act
        var again = await cluster.ApplyAsync(scenario.Bundle);

        // Assert
        Assert.True(again.Succeeded);
        Assert.Equal(writes, cluster.Server.Writes.Count);
        Assert.All(again.Secrets, s => Assert.Equal(SecretAction.Unchanged, s.Action));
        Assert.Empty(again.Workloads);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dry_run_lists_changed_keys_and_consumers_and_writes_nothing()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var scenario = Arrange(cluster);

        // Act
        var result = await cluster.ApplyAsync(scenario.Bundle, TestClusterExtensions.Fast with { DryRun = true });

        // Assert
        Assert.Empty(cluster.Server.Writes);
        Assert.Equal([("db", SecretAction.Unchanged, ""), ("api", SecretAction.WouldUpdate, "API_KEY"), ("cache", SecretAction.WouldCreate, "TOKEN")],
            result.Secrets.Select(s => (s.Name, s.Action, string.Join(",", s.ChangedKeys))));
        Assert.Equal(["deployment/migrator", "deployment/web", "statefulset/pg", "daemonset/agent", "cronjob/report"], result.Workloads.Select(w => w.Workload.Display));
        Assert.All(result.Workloads, w => Assert.Equal(WorkloadAction.WouldRestart, w.Action));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failure_part_way_is_reported_per_object_and_a_re_run_finishes_the_job()
    {
        // Arrange: the api write and the pg restart fail once with 500.
        await using var cluster = new TestCluster();
        var scenario = Arrange(cluster);
        cluster.Server.FailNext("PUT", "/secrets/api");
        cluster.Server.FailNext("PATCH", "/statefulsets/pg");

        // Act
        var first = await cluster.ApplyAsync(scenario.Bundle);

        // Assert: api failed (and its consumers were left alone), cache was written, pg's restart failed.
        Assert.False(first.Succeeded);
        Assert.Equal([("db", SecretAction.Unchanged), ("api", SecretAction.Failed), ("cache", SecretAction.Created)], first.Secrets.Select(s => (s.Name, s.Action)));
        Assert.Equal("HTTP 500 InternalError", first.Secrets[1].Problem);
        Assert.Equal(scenario.OldApiKey, cluster.Server.SecretData("apps", "api")["API_KEY"]);
        Assert.Equal(
            [("deployment/migrator", WorkloadAction.RolledOut), ("statefulset/pg", WorkloadAction.Failed), ("daemonset/agent", WorkloadAction.RolledOut)],
            first.Workloads.Select(w => (w.Workload.Display, w.Action)));
        Assert.Contains("HTTP 500", first.Workloads[1].Message, StringComparison.Ordinal);

        // Act: the re-run.
        var patchesBefore = cluster.Server.Writes.Count;
        var second = await cluster.ApplyAsync(scenario.Bundle);

        // Assert: api written now, its consumers and pg (whose Secret changed last run) restarted; nothing else.
        Assert.True(second.Succeeded);
        Assert.Equal([("db", SecretAction.Unchanged), ("api", SecretAction.Updated), ("cache", SecretAction.Unchanged)], second.Secrets.Select(s => (s.Name, s.Action)));
        Assert.Equal(
            [
                "PUT /api/v1/namespaces/apps/secrets/api",
                "PATCH /apis/apps/v1/namespaces/apps/deployments/web",
                "PATCH /apis/apps/v1/namespaces/apps/statefulsets/pg",
                "PATCH /apis/batch/v1/namespaces/apps/cronjobs/report",
            ],
            cluster.Server.WritePaths().Skip(patchesBefore));
        Assert.Equal(scenario.NewApiKey, cluster.Server.SecretData("apps", "api")["API_KEY"]);

        // And a third run has nothing left to do.
        var writes = cluster.Server.Writes.Count;
        var third = await cluster.ApplyAsync(scenario.Bundle);
        Assert.True(third.Succeeded);
        Assert.Equal(writes, cluster.Server.Writes.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rollout_that_does_not_finish_in_time_is_reported_as_timed_out()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var scenario = Arrange(cluster);
        cluster.Server.Stall("deployments", "apps", "web");

        // Act
        var result = await cluster.ApplyAsync(scenario.Bundle, TestClusterExtensions.Fast with { Timeout = TimeSpan.FromMilliseconds(600) });

        // Assert
        Assert.False(result.Succeeded);
        var web = Assert.Single(result.Workloads, w => w.Workload.Display == "deployment/web");
        Assert.Equal(WorkloadAction.TimedOut, web.Action);
        Assert.Contains("1 of 2 new replicas updated", web.Message, StringComparison.Ordinal);
        Assert.All(result.Workloads.Where(w => w != web && w.Workload.Kind != WorkloadKind.CronJob), w => Assert.Equal(WorkloadAction.RolledOut, w.Action));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_paused_deployment_is_not_restarted()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var value = TestCluster.NewValue();
        cluster.Server.AddWorkload("deployments", "apps", "frozen", PodSpecs.EnvFrom("api"), paused: true);
        var bundle = cluster.WriteBundle(("api", new Dictionary<string, string> { ["API_KEY"] = value }));

        // Act
        var result = await cluster.ApplyAsync(bundle);

        // Assert
        Assert.Equal(["POST /api/v1/namespaces/apps/secrets"], cluster.Server.WritePaths());
        var frozen = Assert.Single(result.Workloads);
        Assert.Equal(WorkloadAction.Skipped, frozen.Action);
        Assert.False(result.Succeeded);
    }

    [Fact(Timeout = 60_000)]
    public async Task No_value_appears_in_the_result_or_in_failure_messages()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var scenario = Arrange(cluster);
        cluster.Server.FailNext("POST", "/secrets", 422);

        // Act
        var result = await cluster.ApplyAsync(scenario.Bundle);
        var manifests = cluster.ReadBundle(scenario.Bundle);

        // Assert
        var rendered = JsonSerializer.Serialize(result) + result + string.Join("", manifests.Select(m => m.ToString()));
        Assert.Equal(SecretAction.Failed, result.Secrets[2].Action);
        foreach (var value in new[] { scenario.NewApiKey, scenario.CacheToken, scenario.DbPassword, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(scenario.CacheToken)) })
        {
            Assert.DoesNotContain(value, rendered, StringComparison.Ordinal);
        }
    }
}
