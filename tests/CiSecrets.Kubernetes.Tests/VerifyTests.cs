using CiSecrets.Testing;
using CiSecrets.Testing.Kubernetes;
using System.Text.Json;

namespace CiSecrets.Kubernetes.Tests;

public sealed class VerifyTests
{
    private static async Task<IReadOnlyList<SecretCheck>> VerifyAsync(TestCluster cluster, params RequiredSecret[] required)
    {
        using var connection = cluster.Connect();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        return await new ClusterVerifier(connection, cluster.Clock).VerifyAsync(required, timeout.Token);
    }

    private static RequiredSecret Required(string name, params string[] keys) => new(null, name, keys, TimeSpan.FromDays(30));

    [Fact(Timeout = 60_000)]
    public async Task Verify_passes_a_complete_fresh_secret_and_reports_byte_lengths_only()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var value = TestCluster.NewValue();
        cluster.Server.AddSecret("apps", "db", new Dictionary<string, string> { ["PASSWORD"] = value });

        // Act
        var checks = await VerifyAsync(cluster, Required("db", "PASSWORD"));

        // Assert
        Assert.All(checks, c => Assert.False(c.Failed, c.Message));
        Assert.Equal(value.Length, Assert.Single(checks, c => c.Key == "PASSWORD").ByteLength);
        Assert.DoesNotContain(value, JsonSerializer.Serialize(checks), StringComparison.Ordinal);
        Assert.Equal(["GET /api/v1/namespaces/apps/secrets/db"], cluster.Server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Verify_catches_a_missing_secret_a_missing_key_an_empty_value_a_placeholder_and_an_overdue_secret()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var good = TestCluster.NewValue();
        cluster.Server.AddSecret("apps", "api", new Dictionary<string, string> { ["API_KEY"] = good, ["EMPTY"] = "", ["TODO"] = "changeme", ["TEMPLATE"] = "${API_KEY}" });
        cluster.Server.AddSecret("apps", "old", new Dictionary<string, string> { ["KEY"] = good }, created: TestClock.Now.AddDays(-45));
        cluster.Server.AddSecret("apps", "rotated", new Dictionary<string, string> { ["KEY"] = good },
            new Dictionary<string, string> { [SecretApplier.RotatedAtAnnotation] = Workloads.Format(TestClock.Now.AddDays(-40)) });

        // Act
        var checks = await VerifyAsync(cluster,
            Required("api", "API_KEY", "EMPTY", "TODO", "TEMPLATE", "ABSENT"), Required("old", "KEY"), Required("rotated", "KEY"), Required("nowhere", "KEY"));

        // Assert
        var failures = checks.Where(c => c.Failed).Select(c => (c.Secret, c.Key, c.Status)).ToList();
        Assert.Equal(
            [
                ("api", "EMPTY", SecretCheckStatus.EmptyValue),
                ("api", "TODO", SecretCheckStatus.Placeholder),
                ("api", "TEMPLATE", SecretCheckStatus.Placeholder),
                ("api", "ABSENT", SecretCheckStatus.MissingKey),
                ("old", null, SecretCheckStatus.Overdue),
                ("rotated", null, SecretCheckStatus.Overdue),
                ("nowhere", null, SecretCheckStatus.MissingSecret),
            ],
            failures);
        Assert.Contains("created 45 days ago", checks.Single(c => c.Secret == "old" && c.Key is null).Message, StringComparison.Ordinal);
        Assert.Contains("rotated 40 days ago", checks.Single(c => c.Secret == "rotated" && c.Key is null).Message, StringComparison.Ordinal);
        var rendered = JsonSerializer.Serialize(checks);
        foreach (var value in new[] { good, "changeme", "${API_KEY}" })
        {
            Assert.DoesNotContain(value, rendered, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Verify_reports_an_unreachable_api_per_secret_without_the_response_body()
    {
        // Arrange
        await using var cluster = new TestCluster();
        cluster.Server.AddSecret("apps", "db", new Dictionary<string, string> { ["PASSWORD"] = TestCluster.NewValue() });
        cluster.Server.FailNext("GET", "/secrets/db", 503);

        // Act
        var checks = await VerifyAsync(cluster, Required("db", "PASSWORD"));

        // Assert
        var check = Assert.Single(checks);
        Assert.Equal(SecretCheckStatus.Unreachable, check.Status);
        Assert.Equal("Secret apps/db could not be read: HTTP 503 Injected", check.Message);
    }

    [Theory]
    [InlineData("changeme", true)]
    [InlineData("  TODO ", true)]
    [InlineData("xxxxxxxx", true)]
    [InlineData("<your-password>", true)]
    [InlineData("{{ .Values.password }}", true)]
    [InlineData("c0rrect-h0rse-battery", false)]
    [InlineData("password-but-longer-and-random-9f3a", false)]
    public void Placeholders_are_recognised(string value, bool placeholder) =>
        Assert.Equal(placeholder, Placeholders.IsPlaceholder(System.Text.Encoding.UTF8.GetBytes(value)));
}
