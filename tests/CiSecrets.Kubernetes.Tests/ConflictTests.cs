using System.Text;
using System.Text.Json.Nodes;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>A replace that loses a race (409 Conflict) is re-read and retried on the other writer's object.</summary>
public sealed class ConflictTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_conflicting_replace_is_re_read_and_retried_and_the_final_write_holds_the_bundle_and_the_other_writers_labels()
    {
        // Arrange: between apply's read and its replace, another writer changes the key and adds a label.
        await using var cluster = new TestCluster();
        var (old, theirs, ours) = (TestCluster.NewValue(), TestCluster.NewValue(), TestCluster.NewValue());
        cluster.Server.AddSecret("apps", "api", new Dictionary<string, string> { ["API_KEY"] = old, ["REGION"] = "eu" });
        cluster.Server.WriteConcurrently("apps", "api", secret =>
        {
            secret["metadata"]!["labels"] = new JsonObject { ["team"] = "payments" };
            secret["data"]!["API_KEY"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(theirs));
        });
        var bundle = cluster.WriteBundle(("api", new Dictionary<string, string> { ["API_KEY"] = ours, ["REGION"] = "eu" }));

        // Act
        var result = await cluster.ApplyAsync(bundle);

        // Assert: read, replace (409), read again, replace with the new resourceVersion.
        Assert.True(result.Succeeded, string.Join("; ", result.Secrets.Select(s => $"{s.Name}: {s.Action} {s.Problem}")));
        var secretCalls = cluster.Server.Requests.Where(r => r.Path.EndsWith("/secrets/api", StringComparison.Ordinal)).Select(r => r.Method).ToList();
        Assert.Equal(["GET", "PUT", "GET", "PUT"], secretCalls);
        var puts = cluster.Server.Requests.Where(r => r.Method == "PUT").Select(r => JsonNode.Parse(r.Body)!["metadata"]!["resourceVersion"]!.GetValue<string>()).ToList();
        Assert.NotEqual(puts[0], puts[1]);

        var outcome = Assert.Single(result.Secrets);
        Assert.Equal((SecretAction.Updated, "API_KEY"), (outcome.Action, string.Join(",", outcome.ChangedKeys)));
        Assert.Equal(new Dictionary<string, string> { ["API_KEY"] = ours, ["REGION"] = "eu" }, cluster.Server.SecretData("apps", "api"));
        var labels = cluster.Server.Get("secrets", "apps", "api")!["metadata"]!["labels"]!;
        Assert.Equal("payments", labels["team"]!.GetValue<string>());
        Assert.Equal(SecretApplier.ManagedByValue, labels[SecretApplier.ManagedByLabel]!.GetValue<string>());
    }
}
