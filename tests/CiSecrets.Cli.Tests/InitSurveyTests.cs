using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CiSecrets.Inventory;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests;

public sealed class InitSurveyTests
{
    [Fact(Timeout = 120_000)]
    public async Task Init_finds_SOPS_files_of_every_format_and_fills_consumers_from_the_workload_manifests()
    {
        // Arrange: SOPS files in JSON, dotenv (named like any .env file) and INI, a bundle of Secret
        // manifests encrypted the usual way (only data and stringData), and the workloads that read them.
        using var repository = new TempGitRepository();
        var identity = AgeIdentity.Generate();
        var values = new List<string>();
        string Value(string prefix)
        {
            values.Add(prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            return values[^1];
        }

        repository.Write("k8s/secrets.sops.yaml", SopsEncryptor.Encrypt(
            Encoding.UTF8.GetBytes(SecretManifests(Value("pg"), Value("tk"))),
            SopsFormat.Yaml,
            SopsCreationRule.ForAge([identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" }),
            "k8s/secrets.sops.yaml", TestClock.Now));
        repository.Write("config/payments.json", Encrypt($$"""{ "stripe": { "api_key": "{{Value("")}}" } }""", "config/payments.json", identity));
        repository.Write("deploy/worker.env", Encrypt($"QUEUE_PASSWORD={Value("q")}\n", "deploy/worker.env", identity));
        repository.Write("legacy/app.ini", Encrypt($"[mail]\nsmtp_password = {Value("m")}\n", "legacy/app.ini", identity));
        repository.Write("k8s/workloads.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: api, namespace: apps }
            spec:
              selector: { matchLabels: { app: api } }
              template:
                metadata: { labels: { app: api } }
                spec:
                  containers:
                    - name: api
                      image: acme/api:1
                      env:
                        - name: POSTGRES_PASSWORD
                          valueFrom: { secretKeyRef: { name: postgres-credentials, key: POSTGRES_PASSWORD } }
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: postgres, namespace: apps }
            spec:
              serviceName: postgres
              selector: { matchLabels: { app: postgres } }
              template:
                metadata: { labels: { app: postgres } }
                spec:
                  containers:
                    - name: postgres
                      image: postgres:17
                      envFrom: [{ secretRef: { name: postgres-credentials } }]
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: { name: token-refresh }
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{ name: refresh, image: acme/refresh:1 }]
                      volumes: [{ name: token, secret: { secretName: api-token } }]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: other-team-api, namespace: billing }
            spec:
              selector: { matchLabels: { app: b } }
              template:
                metadata: { labels: { app: b } }
                spec:
                  containers:
                    - name: b
                      image: acme/b:1
                      envFrom: [{ secretRef: { name: postgres-credentials } }]
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: api }
            spec: { ports: [{ port: 80 }] }
            """);
        repository.Write("chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");
        repository.Write("README.md", "# payments\n").Commit("service");

        // Act
        var init = await CliRunner.RunAsync(repository.Path, "init");
        var inventory = SecretsInventory.Load(Path.Combine(repository.Path, ".cisecrets.yaml"));
        var status = await CliRunner.RunAsync(repository.Path, KeyEnvironment(identity), "status", "--format", "json");

        // Assert
        Assert.True(init.ExitCode == 0, init.All);
        Assert.Contains("wrote .cisecrets.yaml (5 secret(s) from config/payments.json, deploy/worker.env, k8s/secrets.sops.yaml, legacy/app.ini; consumers from 4 workload manifest(s))", init.Output, StringComparison.Ordinal);
        Assert.Equal("config/payments.json", inventory.Bundle);
        Assert.Equal(
            [
                "stripe_api_key config/payments.json [\"stripe\"][\"api_key\"] api-key []",
                "queue_password deploy/worker.env [\"QUEUE_PASSWORD\"] password []",
                "postgres-credentials_postgres_password k8s/secrets.sops.yaml apps/postgres-credentials/POSTGRES_PASSWORD password [api, postgres]",
                "api-token_token k8s/secrets.sops.yaml api-token/TOKEN token [token-refresh]",
                "mail_smtp_password legacy/app.ini [\"mail\"][\"smtp_password\"] password []",
            ],
            inventory.Secrets.Select(s =>
                $"{s.Name} {s.Bundle} {(s.Path?.ToString() ?? $"{(s.Kubernetes!.Namespace is { } ns ? ns + "/" : "")}{s.Kubernetes.Secret}/{s.Kubernetes.Key}")} {s.Kind.Name()} [{string.Join(", ", s.Consumers)}]"));

        var sops = SopsConfig.Load(Path.Combine(repository.Path, ".sops.yaml"));
        foreach (var file in new[] { "config/payments.json", "deploy/worker.env", "k8s/secrets.sops.yaml", "legacy/app.ini" })
        {
            Assert.NotNull(sops.FindRule(Path.Combine(repository.Path, file)));
        }

        Assert.Null(sops.FindRule(Path.Combine(repository.Path, "README.md")));

        // The inventory init wrote reads every one of those values back (status decrypts each bundle).
        Assert.True(status.ExitCode == 0, status.All);
        using var document = JsonDocument.Parse(status.Output);
        Assert.All(document.RootElement.GetProperty("secrets").EnumerateArray(), s => Assert.True(s.GetProperty("present").GetBoolean(), s.GetProperty("name").GetString()));
        var outputs = init.All + status.All + await File.ReadAllTextAsync(Path.Combine(repository.Path, ".cisecrets.yaml"), TestContext.Current.CancellationToken);
        Assert.Equal(-1, values.FindIndex(v => outputs.Contains(v, StringComparison.Ordinal)));
    }
}
