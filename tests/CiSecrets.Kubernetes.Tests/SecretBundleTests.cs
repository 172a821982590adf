using CiSecrets.Testing.Kubernetes;
using System.Text;
using CiSecrets.Sops;
using CiSecrets.Testing;

namespace CiSecrets.Kubernetes.Tests;

public sealed class SecretBundleTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_bundle_reads_data_as_base64_and_string_data_as_text()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var (binary, text) = (TestCluster.NewValue(), TestCluster.NewValue());
        var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\n  namespace: edge\ntype: kubernetes.io/tls\ndata:\n  tls.key: {Convert.ToBase64String(Encoding.UTF8.GetBytes(binary))}\nstringData:\n  note: \"{text}\"\n";
        var rule = SopsCreationRule.ForAge([cluster.Identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" });
        var path = cluster.Directory.Combine("tls.sops.yaml");
        await File.WriteAllTextAsync(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml), SopsFormat.Yaml, rule, path, TestClock.Now), TestContext.Current.CancellationToken);

        // Act
        var manifest = Assert.Single(cluster.ReadBundle(path));

        // Assert
        Assert.Equal(("tls", "edge", "kubernetes.io/tls"), (manifest.Name, manifest.Namespace, manifest.Type));
        Assert.Equal(binary, Encoding.UTF8.GetString(manifest.Data["tls.key"]));
        Assert.Equal(text, Encoding.UTF8.GetString(manifest.Data["note"]));
        Assert.DoesNotContain(text, manifest.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_data_value_that_is_not_base64_is_an_input_error_naming_the_key_and_not_the_value()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var value = "not base64 " + TestCluster.NewValue();
        var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  API_KEY: \"{value}\"\n";
        var rule = SopsCreationRule.ForAge([cluster.Identity.Recipient]);
        var path = cluster.Directory.Combine("bad.sops.yaml");
        await File.WriteAllTextAsync(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml), SopsFormat.Yaml, rule, path, TestClock.Now), TestContext.Current.CancellationToken);

        // Act
        var error = Assert.Throws<InputException>(() => cluster.ReadBundle(path));

        // Assert
        Assert.Equal($"{path}: Secret api: data.API_KEY is not base64 (use stringData for plain text)", error.Message);
        Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_document_that_is_not_a_secret_is_an_input_error()
    {
        // Arrange
        await using var cluster = new TestCluster();
        var rule = SopsCreationRule.ForAge([cluster.Identity.Recipient]);
        var path = cluster.Directory.Combine("cm.sops.yaml");
        await File.WriteAllTextAsync(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"), SopsFormat.Yaml, rule, path, TestClock.Now), TestContext.Current.CancellationToken);

        // Act
        var error = Assert.Throws<InputException>(() => cluster.ReadBundle(path));

        // Assert
        Assert.Equal($"{path}: document 1 is not a Kubernetes Secret (kind: ConfigMap)", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task Secret_and_key_names_are_read_from_the_stored_file_without_an_identity()
    {
        // Arrange: data and stringData encrypted, names in clear (the bundle's creation rule).
        await using var cluster = new TestCluster();
        var (token, password) = (TestCluster.NewValue(), TestCluster.NewValue());
        var path = cluster.WriteNamespacedBundle(
            ("edge", "tls", new Dictionary<string, string> { ["tls.key"] = token, ["ca.crt"] = token }),
            (null, "db", new Dictionary<string, string> { ["PASSWORD"] = password }));
        var file = SopsFile.Load(path);

        // Act
        var read = SecretBundle.TryReadKeys(file, out var secrets);

        // Assert: no identity was given, the values are ciphertext, and the names came out in order.
        Assert.True(read);
        Assert.True(file.IsEncrypted);
        Assert.DoesNotContain(password, file.Text, StringComparison.Ordinal);
        Assert.Equal([("tls", "edge", "ca.crt,tls.key"), ("db", (string?)null, "PASSWORD")], secrets.Select(s => (s.Name, s.Namespace, string.Join(",", s.Keys))));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bundle_whose_secret_names_are_encrypted_cannot_be_read_without_decrypting()
    {
        // Arrange: the default creation rule encrypts every value, metadata.name included.
        await using var cluster = new TestCluster();
        var path = cluster.Directory.Combine("all.sops.yaml");
        var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  PASSWORD: \"{TestCluster.NewValue()}\"\n";
        await File.WriteAllTextAsync(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml), SopsFormat.Yaml, SopsCreationRule.ForAge([cluster.Identity.Recipient]), path, TestClock.Now), TestContext.Current.CancellationToken);

        // Act
        var read = SecretBundle.TryReadKeys(SopsFile.Load(path), out var secrets);

        // Assert
        Assert.False(read);
        Assert.Empty(secrets);
        Assert.Equal(["PASSWORD"], Assert.Single(cluster.ReadBundle(path)).Data.Keys);
    }
}
