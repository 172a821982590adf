using System.Security.Cryptography;
using System.Text;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Testing.Kubernetes;

/// <summary>
/// A fake API server, a kubeconfig pointing at it, a generated age identity and helpers to write
/// encrypted bundles of Secret manifests, all torn down together.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string Namespace = "apps";

    public TestCluster()
    {
        Kubeconfig = Server.WriteKubeconfig(Directory.Path, Namespace);
    }

    public FakeKubernetesApiServer Server { get; } = new();

    /// <summary>The cluster's clock: a run of <see cref="TestClock"/> at real speed, so rollout polls and deadlines still pass.</summary>
    public TimeProvider Clock => Server.Clock;

    public TempDirectory Directory { get; } = new("cisecrets-k8s");

    public AgeIdentity Identity { get; } = AgeIdentity.Generate();

    public string Kubeconfig { get; }

    /// <summary>Environment variables a CLI run needs to decrypt the bundle.</summary>
    public Dictionary<string, string> Environment => new() { ["SOPS_AGE_KEY"] = Identity.ExportSecret(), ["HOME"] = Directory.Path };

    /// <summary>A fresh value that looks like a generated secret, made at run time.</summary>
    public static string NewValue() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    /// <summary>Writes a SOPS bundle (data and stringData encrypted) of Secret manifests without a namespace; returns its path.</summary>
    public string WriteBundle(params (string Name, IReadOnlyDictionary<string, string> Data)[] secrets) =>
        WriteNamespacedBundle([.. secrets.Select(s => ((string?)null, s.Name, s.Data))]);

    /// <summary>Writes a SOPS bundle of Secret manifests, each with its <c>metadata.namespace</c> when one is given; returns its path.</summary>
    public string WriteNamespacedBundle(params (string? Namespace, string Name, IReadOnlyDictionary<string, string> Data)[] secrets)
    {
        var yaml = new StringBuilder();
        foreach (var (ns, name, data) in secrets)
        {
            yaml.Append("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ").Append(name).Append('\n');
            if (ns is not null)
            {
                yaml.Append("  namespace: ").Append(ns).Append('\n');
            }

            yaml.Append("type: Opaque\nstringData:\n");
            foreach (var (key, value) in data)
            {
                yaml.Append("  ").Append(key).Append(": \"").Append(value).Append("\"\n");
            }
        }

        var rule = SopsCreationRule.ForAge([Identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" });
        var path = Directory.Combine("bundle.sops.yaml");
        File.WriteAllText(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml.ToString()), SopsFormat.Yaml, rule, path, TestClock.Now));
        return path;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Dispose();
        return Server.DisposeAsync();
    }
}
