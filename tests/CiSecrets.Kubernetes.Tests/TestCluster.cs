using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using CiSecrets.Testing.Kubernetes;

namespace CiSecrets.Kubernetes.Tests;

/// <summary>
/// A fake API server, a kubeconfig pointing at it, a generated age identity and helpers to write
/// encrypted bundles of Secret manifests, all torn down together.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string Namespace = "apps";

    public TestCluster()
    {
        Kubeconfig = Server.WriteKubeconfig(Directory.Path, Namespace);
    }

    public FakeKubernetesApiServer Server { get; } = new();

    public TempDirectory Directory { get; } = new("cisecrets-k8s");

    public AgeIdentity Identity { get; } = AgeIdentity.Generate();

    public string Kubeconfig { get; }

    /// <summary>Environment variables a CLI run needs to decrypt the bundle.</summary>
    public Dictionary<string, string> Environment => new() { ["SOPS_AGE_KEY"] = Identity.ExportSecret(), ["HOME"] = Directory.Path };

    /// <summary>A fresh value that looks like a generated secret, made at run time.</summary>
    public static string NewValue() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    public ClusterConnection Connect() => ClusterConnection.Open(new ClusterOptions { Kubeconfig = Kubeconfig }, new DictionaryEnvironment(new Dictionary<string, string>(), Directory.Path));

    /// <summary>Writes a SOPS bundle (data and stringData encrypted) of Secret manifests; returns its path.</summary>
    public string WriteBundle(params (string Name, IReadOnlyDictionary<string, string> Data)[] secrets)
    {
        var yaml = new StringBuilder();
        foreach (var (name, data) in secrets)
        {
            yaml.Append("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ").Append(name).Append("\ntype: Opaque\nstringData:\n");
            foreach (var (key, value) in data)
            {
                yaml.Append("  ").Append(key).Append(": \"").Append(value).Append("\"\n");
            }
        }

        var rule = SopsCreationRule.ForAge([Identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" });
        var path = Directory.Combine("bundle.sops.yaml");
        File.WriteAllText(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml.ToString()), SopsFormat.Yaml, rule, path));
        return path;
    }

    public IReadOnlyList<SecretManifest> ReadBundle(string path) => SecretBundle.Load(path, [Identity]);

    public ValueTask DisposeAsync()
    {
        Directory.Dispose();
        return Server.DisposeAsync();
    }
}

/// <summary>Pod specs that read Secrets each way Kubernetes allows.</summary>
internal static class PodSpecs
{
    public static JsonObject EnvKey(string secret, string key) => Containers("containers", new JsonObject
    {
        ["name"] = "app",
        ["image"] = "app:1",
        ["env"] = new JsonArray(new JsonObject { ["name"] = key, ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = key } } }),
    });

    public static JsonObject EnvFrom(string secret) => Containers("containers", new JsonObject
    {
        ["name"] = "app",
        ["image"] = "app:1",
        ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = secret } }),
    });

    public static JsonObject InitContainerEnvFrom(string secret)
    {
        var spec = Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });
        spec["initContainers"] = new JsonArray(new JsonObject
        {
            ["name"] = "migrate",
            ["image"] = "migrate:1",
            ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = secret } }),
        });
        return spec;
    }

    public static JsonObject SecretVolume(string secret)
    {
        var spec = Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });
        spec["volumes"] = new JsonArray(new JsonObject { ["name"] = "creds", ["secret"] = new JsonObject { ["secretName"] = secret } });
        return spec;
    }

    public static JsonObject ProjectedVolume(string secret)
    {
        var spec = Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });
        spec["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = "all",
            ["projected"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["secret"] = new JsonObject { ["name"] = secret } }) },
        });
        return spec;
    }

    public static JsonObject NoSecrets() => Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });

    private static JsonObject Containers(string field, JsonObject container) => new() { [field] = new JsonArray(container) };
}
