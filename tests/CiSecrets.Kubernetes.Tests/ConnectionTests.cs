using CiSecrets.Testing;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>Which server and namespace a connection uses: a chosen kubeconfig context, or a pod's service account.</summary>
public sealed class ConnectionTests
{
    private static RequiredSecret Db { get; } = new(null, "db", ["PASSWORD"], TimeSpan.FromDays(30));

    private static async Task<IReadOnlyList<SecretCheck>> VerifyAsync(ClusterConnection connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await new ClusterVerifier(connection, TestClock.Running()).VerifyAsync([Db], timeout.Token);
    }

    /// <summary>A kubeconfig whose current context is <c>prod</c> (server A, namespace apps) with a second context <c>staging</c> (server B, namespace stage).</summary>
    private static string TwoContexts(TempDirectory directory, Uri prod, Uri staging) =>
        Kubeconfigs.Write(directory.Combine("kubeconfig-two"), "prod", ("prod", prod, "apps"), ("staging", staging, "stage"));

    [Fact(Timeout = 60_000)]
    public async Task The_context_option_picks_a_context_that_is_not_current_with_its_server_and_namespace()
    {
        // Arrange
        await using var prod = new TestCluster();
        await using var staging = new FakeKubernetesApiServer();
        staging.AddSecret("stage", "db", new Dictionary<string, string> { ["PASSWORD"] = TestCluster.NewValue() });
        var kubeconfig = TwoContexts(prod.Directory, prod.Server.Uri, staging.Uri);
        var environment = new DictionaryEnvironment(new Dictionary<string, string>(), prod.Directory.Path, TestClock.Create());

        // Act
        using var chosen = ClusterConnection.Open(new ClusterOptions { Kubeconfig = kubeconfig, Context = "staging" }, environment);
        var checks = await VerifyAsync(chosen);
        using var current = ClusterConnection.Open(new ClusterOptions { Kubeconfig = kubeconfig }, environment);

        // Assert: staging's server and namespace were used, prod's server saw nothing.
        Assert.Equal("stage", chosen.Namespace);
        Assert.Equal("apps", current.Namespace);
        Assert.All(checks, c => Assert.False(c.Failed, c.Message));
        Assert.Equal(["GET /api/v1/namespaces/stage/secrets/db"], staging.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.StartsWith("Bearer staging-", staging.Requests[0].Authorization, StringComparison.Ordinal);
        Assert.Empty(prod.Server.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_context_is_an_input_error_naming_the_kubeconfig()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var kubeconfig = TwoContexts(cluster.Directory, cluster.Server.Uri, cluster.Server.Uri);

        // Act
        var error = Assert.Throws<InputException>(() => ClusterConnection.Open(new ClusterOptions { Kubeconfig = kubeconfig, Context = "nowhere" }, new DictionaryEnvironment(new Dictionary<string, string>(), cluster.Directory.Path, TestClock.Create())));

        // Assert
        Assert.StartsWith($"{kubeconfig}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A service-account folder as kubelet mounts it: token, ca.crt, namespace.</summary>
    private static string ServiceAccount(TempDirectory directory, string token, string caPem, string ns)
    {
        var folder = directory.Combine("serviceaccount");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "token"), token);
        File.WriteAllText(Path.Combine(folder, "ca.crt"), caPem);
        File.WriteAllText(Path.Combine(folder, "namespace"), ns + "\n");
        return folder;
    }

    private static DictionaryEnvironment InCluster(FakeKubernetesApiServer server, TempDirectory home) => new(
        new Dictionary<string, string>
        {
            ["KUBERNETES_SERVICE_HOST"] = server.Uri.Host,
            ["KUBERNETES_SERVICE_PORT"] = server.Uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOME"] = home.Path,
        },
        home.Path,
        server.Clock);

    [Fact(Timeout = 60_000)]
    public async Task Without_a_kubeconfig_the_service_account_is_used_over_https_with_its_token_ca_and_namespace()
    {
        // Arrange: an HTTPS API server whose certificate the service account's CA signed; no kubeconfig anywhere.
        using var certificates = new TestCertificates();
        await using var server = new FakeKubernetesApiServer(certificates.Server);
        server.AddSecret("payments", "db", new Dictionary<string, string> { ["PASSWORD"] = TestCluster.NewValue() });
        using var home = new TempDirectory();
        var token = $"sa-{Guid.NewGuid():N}";
        var folder = ServiceAccount(home, token, certificates.AuthorityPem, "payments");

        // Act
        using var connection = ClusterConnection.Open(new ClusterOptions { ServiceAccountDirectory = folder }, InCluster(server, home));
        var checks = await VerifyAsync(connection);

        // Assert
        Assert.Equal("payments", connection.Namespace);
        Assert.All(checks, c => Assert.False(c.Failed, c.Message));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/api/v1/namespaces/payments/secrets/db"), (request.Method, request.Path));
        Assert.Equal($"Bearer {token}", request.Authorization);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_service_accounts_ca_is_what_the_server_certificate_is_checked_against()
    {
        // Arrange: the folder holds another authority's certificate.
        using var certificates = new TestCertificates();
        using var stranger = new TestCertificates();
        await using var server = new FakeKubernetesApiServer(certificates.Server);
        using var home = new TempDirectory();
        var folder = ServiceAccount(home, $"sa-{Guid.NewGuid():N}", stranger.AuthorityPem, "payments");

        // Act
        using var connection = ClusterConnection.Open(new ClusterOptions { ServiceAccountDirectory = folder }, InCluster(server, home));
        var checks = await VerifyAsync(connection);

        // Assert: the TLS handshake is refused, so the server never sees a request.
        Assert.Equal(SecretCheckStatus.Unreachable, Assert.Single(checks).Status);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Without_a_kubeconfig_or_service_account_the_error_says_so()
    {
        // Arrange
        using var home = new TempDirectory();
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = home.Path, ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" }, home.Path, TestClock.Create());

        // Act: the service variables are set, but the token folder does not exist.
        var error = Assert.Throws<InputException>(() => ClusterConnection.Open(new ClusterOptions { ServiceAccountDirectory = home.Combine("absent") }, environment));

        // Assert
        Assert.Equal("kubeconfig: no kubeconfig (--kubeconfig, KUBECONFIG or ~/.kube/config) and not running in a cluster", error.Message);
    }
}
