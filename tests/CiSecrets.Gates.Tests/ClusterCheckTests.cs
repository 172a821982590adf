using CiSecrets.Testing;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Gates.Tests;

public sealed class ClusterCheckTests
{
    [Fact(Timeout = 60_000)]
    public async Task With_a_kubeconfig_the_cluster_check_runs_verify_against_the_inventory_mapping()
    {
        // Arrange: postgres and redis land in one Secret; the cluster has only the postgres key.
        using var repository = SecretsRepository.Fixed();
        repository.Git.Write(".cisecrets.yaml", SecretsRepository.Inventory
            .Replace("path: postgres.password\n", "path: postgres.password\n    kubernetes: { secret: db, key: PASSWORD, namespace: apps }\n", StringComparison.Ordinal)
            .Replace("path: redis.password\n", "path: redis.password\n    kubernetes: { secret: db, key: REDIS_PASSWORD, namespace: apps }\n", StringComparison.Ordinal));
        await using var server = new FakeKubernetesApiServer();
        var value = TestCluster.NewValue();
        server.AddSecret("apps", "db", new Dictionary<string, string> { ["PASSWORD"] = value });
        var environment = repository.Environment();
        environment["KUBECONFIG"] = server.WriteKubeconfig(repository.Path);

        // Act
        var deploy = await GateRun.PhaseAsync(repository, "deploy", environment);
        var withoutKubeconfig = await GateRun.PhaseAsync(repository, "deploy");

        // Assert
        var cluster = deploy.Result("cluster");
        Assert.Equal(CheckStatus.Fail, cluster.Status);
        Assert.Contains("REDIS_PASSWORD", cluster.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSWORD is", cluster.Detail.Replace("REDIS_PASSWORD", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(value, cluster.Detail, StringComparison.Ordinal);
        Assert.Equal(["GET /api/v1/namespaces/apps/secrets/db"], server.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(CheckStatus.Warn, deploy.Status);
        Assert.Equal(new CheckResult(CheckStatus.Skipped, "no kubeconfig"), withoutKubeconfig.Result("cluster"));
    }
}
