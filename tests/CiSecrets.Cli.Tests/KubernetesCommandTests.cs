using System.Text;
using CiSecrets.Sops;
using CiSecrets.Testing;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Cli.Tests;

/// <summary><c>cisecrets k8s apply</c> and <c>k8s verify</c> end to end against the loopback API server.</summary>
public sealed class KubernetesCommandTests
{
    private static Dictionary<string, string> Environment(TestCluster cluster, Dictionary<string, string>? extra = null)
    {
        var environment = cluster.Environment;
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return environment;
    }

    private static (string Bundle, string[] Values) Arrange(TestCluster cluster)
    {
        var (api, cache, old) = (TestCluster.NewValue(), TestCluster.NewValue(), TestCluster.NewValue());
        cluster.Server.AddSecret("apps", "api", new Dictionary<string, string> { ["API_KEY"] = old });
        cluster.Server.AddWorkload("deployments", "apps", "web", PodSpecs.EnvKey("api", "API_KEY"));
        cluster.Server.AddWorkload("statefulsets", "apps", "pg", PodSpecs.SecretVolume("cache"));
        cluster.Server.AddWorkload("deployments", "apps", "idle", PodSpecs.NoSecrets());
        var bundle = cluster.WriteBundle(
            ("api", new Dictionary<string, string> { ["API_KEY"] = api }),
            ("cache", new Dictionary<string, string> { ["TOKEN"] = cache }));
        return (bundle, [api, cache, old]);
    }

    private static void AssertNoValue(IEnumerable<string> values, params string[] outputs)
    {
        foreach (var value in values)
        {
            foreach (var output in outputs)
            {
                Assert.False(output.Contains(value, StringComparison.Ordinal), "a secret value appeared in the output");
                Assert.False(output.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), StringComparison.Ordinal), "a base64 secret value appeared in the output");
            }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Apply_writes_changed_secrets_restarts_their_consumers_and_reports_each_object()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var (bundle, values) = Arrange(cluster);

        // Act
        var run = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", "--poll-interval", "0.01", bundle, "--kubeconfig", cluster.Kubeconfig);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["PUT /api/v1/namespaces/apps/secrets/api", "POST /api/v1/namespaces/apps/secrets", "PATCH /apis/apps/v1/namespaces/apps/deployments/web", "PATCH /apis/apps/v1/namespaces/apps/statefulsets/pg"],
            cluster.Server.Writes.Select(w => $"{w.Method} {w.Path}"));
        Assert.Contains("note: secret apps/api: updated (keys: API_KEY)", run.Output, StringComparison.Ordinal);
        Assert.Contains("note: secret apps/cache: created (keys: TOKEN)", run.Output, StringComparison.Ordinal);
        Assert.Contains("note: apps/deployment/web: rolled out", run.Output, StringComparison.Ordinal);
        Assert.Contains("note: apps/statefulset/pg: rolled out", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("idle", run.Output, StringComparison.Ordinal);
        AssertNoValue(values, run.All);
    }

    [Fact(Timeout = 120_000)]
    public async Task Apply_dry_run_names_keys_and_workloads_and_writes_nothing()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var (bundle, values) = Arrange(cluster);

        // Act
        var run = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", "--poll-interval", "0.01", bundle, "--kubeconfig", cluster.Kubeconfig, "--dry-run", "--format", "json");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(cluster.Server.Writes);
        Assert.Contains("secret apps/api: would update (keys: API_KEY)", run.Output, StringComparison.Ordinal);
        Assert.Contains("secret apps/cache: would create (keys: TOKEN)", run.Output, StringComparison.Ordinal);
        Assert.Contains("apps/deployment/web: would restart", run.Output, StringComparison.Ordinal);
        Assert.Contains("apps/statefulset/pg: would restart", run.Output, StringComparison.Ordinal);
        AssertNoValue(values, run.All);
    }

    [Fact(Timeout = 120_000)]
    public async Task Apply_reports_an_api_failure_with_exit_1_without_values_and_a_re_run_succeeds()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var (bundle, values) = Arrange(cluster);
        cluster.Server.FailNext("POST", "/secrets", 500);
        using var runner = new TempDirectory();
        var summary = runner.Combine("summary.md");
        var actions = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_OUTPUT"] = runner.Combine("out"), ["RUNNER_TEMP"] = runner.Path };

        // Act
        var failed = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster, actions), "k8s", "apply", "--poll-interval", "0.01", bundle, "--kubeconfig", cluster.Kubeconfig);
        var again = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", "--poll-interval", "0.01", bundle, "--kubeconfig", cluster.Kubeconfig);

        // Assert
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("apps/secret/cache  k8s/secret-write  secret apps/cache: failed: HTTP 500 InternalError", failed.Output, StringComparison.Ordinal);
        Assert.Contains("note: apps/deployment/web: rolled out", failed.Output, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken);
        Assert.Contains("k8s/secret-write", markdown, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("note: secret apps/cache: created (keys: TOKEN)", again.Output, StringComparison.Ordinal);
        Assert.Contains("note: secret apps/api: unchanged", again.Output, StringComparison.Ordinal);
        Assert.Contains("note: apps/statefulset/pg: rolled out", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment/web", again.Output, StringComparison.Ordinal);
        AssertNoValue(values, failed.All, again.All, markdown, string.Concat(Directory.GetFiles(runner.Path).Select(File.ReadAllText)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Apply_with_a_context_that_is_not_current_writes_to_that_contexts_server_and_namespace()
    {
        // Arrange: the current context points at the test cluster; --context chooses a second server.
        await using var cluster = new TestCluster();
        await using var staging = new FakeKubernetesApiServer();
        var (bundle, values) = Arrange(cluster);
        staging.AddWorkload("deployments", "stage", "web", PodSpecs.EnvKey("api", "API_KEY"));
        var kubeconfig = Kubeconfigs.Write(cluster.Directory.Combine("kubeconfig-two"), "prod", ("prod", cluster.Server.Uri, "apps"), ("staging", staging.Uri, "stage"));

        // Act
        var run = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", "--poll-interval", "0.01", bundle, "--kubeconfig", kubeconfig, "--context", "staging");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(cluster.Server.Requests);
        Assert.Equal(
            ["POST /api/v1/namespaces/stage/secrets", "POST /api/v1/namespaces/stage/secrets", "PATCH /apis/apps/v1/namespaces/stage/deployments/web"],
            staging.Writes.Select(w => $"{w.Method} {w.Path}"));
        Assert.All(staging.Writes, w => Assert.StartsWith("Bearer staging-", w.Authorization, StringComparison.Ordinal));
        Assert.Contains("note: stage/deployment/web: rolled out", run.Output, StringComparison.Ordinal);
        AssertNoValue(values, run.All);
    }

    [Fact(Timeout = 120_000)]
    public async Task Verify_fails_on_a_placeholder_and_a_missing_key_and_shows_byte_lengths_only_when_detailed()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var good = TestCluster.NewValue();
        cluster.Server.AddSecret("apps", "api", new Dictionary<string, string> { ["API_KEY"] = good, ["REGION"] = "changeme" });
        var bundle = cluster.WriteBundle(("api", new Dictionary<string, string> { ["API_KEY"] = TestCluster.NewValue(), ["REGION"] = "eu-west-1", ["EXTRA"] = TestCluster.NewValue() }));

        // Act
        var text = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "verify", bundle, "--kubeconfig", cluster.Kubeconfig, "--detailed");
        var json = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "verify", bundle, "--kubeconfig", cluster.Kubeconfig, "--format", "json");
        var markdown = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "verify", bundle, "--kubeconfig", cluster.Kubeconfig, "--format", "markdown");

        // Assert
        Assert.Equal([1, 1, 1], new[] { text.ExitCode, json.ExitCode, markdown.ExitCode });
        Assert.Contains("apps/secret/api/REGION  cluster/placeholder", text.Output, StringComparison.Ordinal);
        Assert.Contains("apps/secret/api/EXTRA  cluster/missing-key", text.Output, StringComparison.Ordinal);
        Assert.Contains($"note: apps/api key API_KEY is set ({good.Length} bytes)", text.Output, StringComparison.Ordinal);
        Assert.Equal(["cluster/missing-key", "cluster/placeholder"], TestSecrets.Findings(json.Output).Select(f => f.Field("ruleId")));
        Assert.DoesNotContain("bytes", json.Output, StringComparison.Ordinal);
        Assert.Contains("cluster/missing-key", markdown.Output, StringComparison.Ordinal);
        Assert.All(cluster.Server.Requests, r => Assert.Equal("GET", r.Method));
        AssertNoValue([good, "changeme"], text.All, json.All, markdown.All);
    }

    [Fact(Timeout = 120_000)]
    public async Task Verify_reads_key_names_from_the_bundle_without_an_age_identity()
    {
        // Arrange: no SOPS_AGE_KEY, no key file: the bundle cannot be decrypted here.
        await using var cluster = new TestCluster();
        var good = TestCluster.NewValue();
        cluster.Server.AddSecret("apps", "api", new Dictionary<string, string> { ["API_KEY"] = good });
        var bundle = cluster.WriteBundle(("api", new Dictionary<string, string> { ["API_KEY"] = TestCluster.NewValue(), ["EXTRA"] = TestCluster.NewValue() }));
        var noIdentity = new Dictionary<string, string> { ["HOME"] = cluster.Directory.Path };

        // Act
        var verify = await CliRunner.RunAsync(cluster.Directory.Path, noIdentity, "k8s", "verify", bundle, "--kubeconfig", cluster.Kubeconfig, "--detailed");
        var apply = await CliRunner.RunAsync(cluster.Directory.Path, noIdentity, "k8s", "apply", bundle, "--kubeconfig", cluster.Kubeconfig, "--dry-run");

        // Assert: verify checked both keys; apply, which needs the values, could not run.
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("apps/secret/api/EXTRA  cluster/missing-key", verify.Output, StringComparison.Ordinal);
        Assert.Contains($"note: apps/api key API_KEY is set ({good.Length} bytes)", verify.Output, StringComparison.Ordinal);
        Assert.Equal(2, apply.ExitCode);
        Assert.StartsWith($"cisecrets: {bundle}: ", apply.Error, StringComparison.Ordinal);
        AssertNoValue([good], verify.All);
    }

    [Fact(Timeout = 120_000)]
    public async Task Verify_of_a_bundle_with_encrypted_secret_names_decrypts_it_and_without_an_identity_says_so()
    {
        // Arrange: every value encrypted, metadata.name included.
        await using var cluster = new TestCluster();
        cluster.Server.AddSecret("apps", "db", new Dictionary<string, string> { ["PASSWORD"] = TestCluster.NewValue() });
        var bundle = cluster.Directory.Combine("all.sops.yaml");
        var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  PASSWORD: \"{TestCluster.NewValue()}\"\n";
        await File.WriteAllTextAsync(bundle, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml), SopsFormat.Yaml, SopsCreationRule.ForAge([cluster.Identity.Recipient]), bundle, TestClock.Now), TestContext.Current.CancellationToken);

        // Act
        var withKey = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "verify", bundle, "--kubeconfig", cluster.Kubeconfig);
        var withoutKey = await CliRunner.RunAsync(cluster.Directory.Path, new Dictionary<string, string> { ["HOME"] = cluster.Directory.Path }, "k8s", "verify", bundle, "--kubeconfig", cluster.Kubeconfig);

        // Assert
        Assert.Equal(0, withKey.ExitCode);
        Assert.Equal(2, withoutKey.ExitCode);
        Assert.StartsWith($"cisecrets: {bundle}: ", withoutKey.Error, StringComparison.Ordinal);
        Assert.Single(withoutKey.Error.Trim().Split('\n'));
    }

    [Fact(Timeout = 120_000)]
    public async Task Apply_from_the_inventory_places_values_at_their_secret_and_key_with_the_recorded_rotation_time()
    {
        // Arrange: a plain bundle (values at paths) and an inventory mapping one of them into a Secret.
        await using var cluster = new TestCluster();
        var password = TestCluster.NewValue();
        Directory.CreateDirectory(cluster.Directory.Combine("secrets"));
        var bundle = cluster.Directory.Combine("secrets", "app.sops.yaml");
        var rule = SopsCreationRule.ForAge([cluster.Identity.Recipient]);
        await File.WriteAllTextAsync(bundle, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes($"postgres:\n  password: \"{password}\"\n"), SopsFormat.Yaml, rule, bundle, TestClock.Now), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(cluster.Directory.Combine(".cisecrets.yaml"), """
            bundle: secrets/app.sops.yaml
            secrets:
              - name: postgres_password
                kind: password
                path: '["postgres"]["password"]'
                kubernetes: { secret: postgres-credentials, key: POSTGRES_PASSWORD }
                consumers: [postgres]
                rotation-interval: 30d
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(cluster.Directory.Combine(".cisecrets-rotations.yaml"), "postgres_password: 2026-11-01T00:00:00Z\n", TestContext.Current.CancellationToken);
        cluster.Server.AddWorkload("statefulsets", "apps", "postgres", PodSpecs.EnvKey("postgres-credentials", "POSTGRES_PASSWORD"));

        // Act
        var apply = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", "--poll-interval", "0.01", "--kubeconfig", cluster.Kubeconfig);
        var verify = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "verify", "--kubeconfig", cluster.Kubeconfig);

        // Assert
        Assert.Equal(0, apply.ExitCode);
        Assert.Equal(password, cluster.Server.SecretData("apps", "postgres-credentials")["POSTGRES_PASSWORD"]);
        var annotations = cluster.Server.Get("secrets", "apps", "postgres-credentials")!["metadata"]!["annotations"]!;
        Assert.Equal("2026-11-01T00:00:00Z", annotations["cisecrets.io/rotated-at"]!.GetValue<string>());
        Assert.Contains("note: apps/statefulset/postgres: rolled out", apply.Output, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        AssertNoValue([password], apply.All, verify.All);
    }

    [Fact(Timeout = 120_000)]
    public async Task Bad_input_is_one_line_with_exit_2_and_nothing_written()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var (bundle, values) = Arrange(cluster);
        var wrongKey = new Dictionary<string, string> { ["SOPS_AGE_KEY"] = CiSecrets.Sops.Age.AgeIdentity.Generate().ExportSecret(), ["HOME"] = cluster.Directory.Path };

        // Act
        var missing = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", "--poll-interval", "0.01", "nowhere.sops.yaml", "--kubeconfig", cluster.Kubeconfig);
        var wrong = await CliRunner.RunAsync(cluster.Directory.Path, wrongKey, "k8s", "apply", "--poll-interval", "0.01", bundle, "--kubeconfig", cluster.Kubeconfig);
        var noConfig = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "verify", bundle, "--kubeconfig", "absent-kubeconfig");
        var noPoll = await CliRunner.RunAsync(cluster.Directory.Path, Environment(cluster), "k8s", "apply", bundle, "--kubeconfig", cluster.Kubeconfig, "--poll-interval", "0");

        // Assert
        Assert.Equal([2, 2, 2, 2], new[] { missing.ExitCode, wrong.ExitCode, noConfig.ExitCode, noPoll.ExitCode });
        Assert.Equal("cisecrets: --poll-interval: must be a positive number of seconds, at most --timeout", noPoll.Error.Trim());
        Assert.Equal($"cisecrets: {cluster.Directory.Combine("nowhere.sops.yaml")}: file not found", missing.Error.Trim());
        Assert.StartsWith($"cisecrets: {bundle}: ", wrong.Error, StringComparison.Ordinal);
        Assert.Equal($"cisecrets: {cluster.Directory.Combine("absent-kubeconfig")}: kubeconfig file not found", noConfig.Error.Trim());
        Assert.Single(wrong.Error.Trim().Split('\n'));
        Assert.Empty(cluster.Server.Writes);
        AssertNoValue(values, missing.All, wrong.All, noConfig.All, noPoll.All);
    }
}
