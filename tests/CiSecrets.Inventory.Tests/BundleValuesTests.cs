using System.Text;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Inventory.Tests;

public sealed class BundleValuesTests
{
    // Values are assembled at run time so no literal in the repository looks like a live secret.
    private static readonly string PostgresValue = "pg-" + new string('q', 12) + "-Zx81";
    private static readonly string RedisValue = "rd_" + Guid.NewGuid().ToString("N");
    private static readonly string ApiKey = Convert.ToHexStringLower(Encoding.UTF8.GetBytes("api key for tests, long enough"));
    private static readonly string OrphanValue = "orphan-" + Guid.NewGuid().ToString("N");
    private static readonly string StringDataValue = "sd-" + Guid.NewGuid().ToString("N");

    private static string ManifestBundle() => SecretManifestYaml.Bundle(
        SecretManifestYaml.Secret("postgres-credentials", "apps", data: new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = PostgresValue, ["LEFTOVER"] = OrphanValue }),
        SecretManifestYaml.Secret("redis-credentials", stringData: new Dictionary<string, string> { ["REDIS_PASSWORD"] = StringDataValue }));

    private const string Inventory = """
        bundle: secrets/k8s.sops.yaml
        secrets:
          - name: postgres_password
            kind: password
            kubernetes: { secret: postgres-credentials, key: POSTGRES_PASSWORD, namespace: apps }
          - name: redis_password
            kind: password
            kubernetes: { secret: redis-credentials, key: REDIS_PASSWORD }
          - name: grafana_password
            kind: password
            kubernetes: { secret: grafana-credentials, key: ADMIN_PASSWORD }
          - name: redis_plain
            kind: password
            bundle: secrets/app.sops.yaml
            path: '["redis"]["password"]'
          - name: stack_api_key
            kind: api-key
            bundle: secrets/app.sops.yaml
            path: stack.api_key
          - name: missing_path
            kind: token
            bundle: secrets/app.sops.yaml
            path: nowhere.token
        """;

    private static InventoryFolder Arrange(out SecretsInventory inventory)
    {
        var folder = new InventoryFolder();
        folder.WriteBundle("secrets/k8s.sops.yaml", ManifestBundle(), new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        folder.WriteBundle("secrets/app.sops.yaml", $"redis:\n  password: {RedisValue}\nstack:\n  api_key: {ApiKey}\n  port: 8443\n");
        inventory = folder.LoadInventory(Inventory);
        return folder;
    }

    [Fact]
    public void Secrets_are_found_by_path_and_by_Secret_manifest_and_unclaimed_values_are_listed()
    {
        // Arrange
        using var folder = Arrange(out var inventory);

        // Act
        var values = BundleValues.Read(inventory, folder.Root, [folder.Identity]);

        // Assert
        Assert.Equal(inventory.Secrets.Select(s => s.Name), values.Secrets.Select(s => s.Secret.Name));
        Assert.Equal(PostgresValue, values.For("postgres_password")!.Value);
        Assert.Equal(new BundleLocation("secrets/k8s.sops.yaml", 0, SopsPath.Of("data", "POSTGRES_PASSWORD")).ToString(), values.For("postgres_password")!.Location!.ToString());
        Assert.Equal(StringDataValue, values.For("redis_password")!.Value);
        Assert.Equal(1, values.For("redis_password")!.Location!.Document);
        Assert.Equal(RedisValue, values.For("redis_plain")!.Value);
        Assert.Equal(ApiKey, values.For("stack_api_key")!.Value);

        var grafana = values.For("grafana_password")!;
        Assert.False(grafana.IsPresent);
        Assert.Equal("secrets/k8s.sops.yaml has no Secret manifest named 'grafana-credentials'", grafana.Problem);
        Assert.Equal("secrets/app.sops.yaml has no single value at [\"nowhere\"][\"token\"]", values.For("missing_path")!.Problem);

        Assert.Equal(
            ["secrets/k8s.sops.yaml [\"data\"][\"LEFTOVER\"]", "secrets/app.sops.yaml [\"stack\"][\"port\"]"],
            values.Unclaimed.Select(u => u.Location.ToString()));
        Assert.Equal([OrphanValue, "8443"], values.Unclaimed.Select(u => u.Value));
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), values.Files.Single(f => f.Path == "secrets/k8s.sops.yaml").LastModified);
        Assert.Equal(2, values.Files.Single(f => f.Path == "secrets/k8s.sops.yaml").Documents);
    }

    [Fact]
    public void No_value_prints_itself()
    {
        using var folder = Arrange(out var inventory);

        var values = BundleValues.Read(inventory, folder.Root, [folder.Identity]);
        var printed = string.Join("\n", values.Secrets.Select(s => s.ToString()).Concat(values.Unclaimed.Select(u => u.ToString())));

        Assert.Contains("postgres_password", printed, StringComparison.Ordinal);
        foreach (var secret in new[] { PostgresValue, RedisValue, ApiKey, OrphanValue, StringDataValue })
        {
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bundle_that_the_identities_cannot_open_throws_without_a_value()
    {
        using var folder = Arrange(out var inventory);

        var error = Assert.Throws<SopsException>(() => BundleValues.Read(inventory, folder.Root, [AgeIdentity.Generate()]));

        Assert.DoesNotContain(PostgresValue, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plaintext_bundle_is_an_input_error()
    {
        using var folder = new InventoryFolder();
        folder.Write("plain.yaml", $"a: {RedisValue}\n");
        var inventory = folder.LoadInventory("bundle: plain.yaml\nsecrets:\n  - { name: a, kind: password, path: a }\n");

        var error = Assert.Throws<InputException>(() => BundleValues.Read(inventory, folder.Root, [folder.Identity]));

        Assert.Contains("not encrypted", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(RedisValue, error.Message, StringComparison.Ordinal);
    }
}
