using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Testing;

/// <summary>
/// A repository with an inventory and two SOPS bundles (a plain tree and Kubernetes Secret
/// manifests), pushed to a real bare repository as <c>origin</c>, and a loopback GitHub API for
/// <c>acme/platform</c>. Every value and the age key are generated at run time. The rotation
/// library's tests and the <c>rotate</c> command's tests both run against it.
/// </summary>
public sealed class RotationFixture : IDisposable
{
    public const string Bundle = "secrets/bundle.sops.yaml";
    public const string KubernetesBundle = "secrets/k8s.sops.yaml";
    public static readonly DateTimeOffset Now = TestClock.Now;

    public RotationFixture(string? rotationSection = null)
    {
        Identity = AgeIdentity.Generate();
        OldValues = new Dictionary<string, string>
        {
            ["postgres_password"] = Random(24),
            ["stack_api_key"] = Random(40),
            ["jwt_secret"] = Random(40),
            ["grafana_admin_password"] = Random(24),
            ["redis_password"] = Random(24),
        };

        var rule = SopsCreationRule.ForAge([Identity.Recipient]);
        var manifests = SopsCreationRule.ForAge([Identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" });
        Work.Write(".cisecrets.yaml", Inventory(rotationSection))
            .Write(Bundle, Encrypt(BundlePlaintext(), rule))
            .Write(KubernetesBundle, Encrypt(ManifestsPlaintext(), manifests))
            .Write("README.md", "service\n");
        Work.Commit("initial");
        Work.Git("remote", "add", "origin", Origin.Path);
        Work.Git("push", "-q", "origin", "main");
        InitialMain = Work.Head();
        Server = new LoopbackGitHubServer("acme", "platform");
    }

    public AgeIdentity Identity { get; }

    /// <summary>The values before rotation, by secret name.</summary>
    public IReadOnlyDictionary<string, string> OldValues { get; }

    public TempGitRepository Work { get; } = new();

    public TempGitRepository Origin { get; } = new(bare: true);

    public LoopbackGitHubServer Server { get; }

    public string InitialMain { get; }

    /// <summary>The token the tests hand to rotation; it is not a credential anywhere.</summary>
    public const string Token = "test-token-not-a-secret";

    /// <summary>A file's text at a ref of origin (null when absent).</summary>
    public string? OriginFile(string reference, string path)
    {
        try
        {
            return Origin.Git("show", $"{reference}:{path}");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public IReadOnlyList<string> OriginBranches() =>
        [.. Origin.Git("for-each-ref", "--format=%(refname:short)", "refs/heads/").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The flat plaintext of a bundle text, MAC verified.</summary>
    public SopsDecryptedFile Decrypt(string text, string subject) =>
        SopsFile.Parse(text, subject, SopsFormat.Yaml).Decrypt([Identity]);

    public static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    public void Dispose()
    {
        Server.Dispose();
        Work.Dispose();
        Origin.Dispose();
    }

    private static string Random(int length) => RandomNumberGenerator.GetHexString(length, lowercase: true);

    // The bundles were last written an hour before the rotation runs, so a rotation's new lastmodified shows.
    private static string Encrypt(string plaintext, SopsCreationRule rule) =>
        SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plaintext), SopsFormat.Yaml, rule, "fixture", Now.AddHours(-1));

    private string BundlePlaintext() => $"""
        # Application secrets
        postgres:
            host: db.internal
            password: {OldValues["postgres_password"]}
        stack:
            api_key: {OldValues["stack_api_key"]}
        jwt_secret: {OldValues["jwt_secret"]}

        """;

    private string ManifestsPlaintext() => $"""
        apiVersion: v1
        kind: Secret
        metadata:
            name: grafana
            namespace: monitoring
        type: Opaque
        data:
            admin-password: {Base64(OldValues["grafana_admin_password"])}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
            name: redis
            namespace: apps
        stringData:
            REDIS_PASSWORD: {OldValues["redis_password"]}

        """;

    private static string Inventory(string? rotationSection) => $$"""
        bundle: {{Bundle}}
        secrets:
          - name: postgres_password
            kind: password
            path: '["postgres"]["password"]'
            consumers: [postgres, aidb]
            database: { engine: postgres, user: app }
          - name: stack_api_key
            kind: api-key
            path: stack.api_key
            consumers: [stack]
          - name: jwt_secret
            kind: signing-key
            path: jwt_secret
            consumers: [api]
          - name: grafana_admin_password
            kind: password
            bundle: {{KubernetesBundle}}
            kubernetes: { secret: grafana, key: admin-password, namespace: monitoring }
            consumers: [grafana]
          - name: redis_password
            kind: password
            bundle: {{KubernetesBundle}}
            kubernetes: { secret: redis, key: REDIS_PASSWORD }
            consumers: [redis, aidb]
        {{rotationSection ?? """
        rotation:
          labels: [security, secrets-rotation]
          reviewers: [octocat]
          team-reviewers: [platform]
        """}}
        """;
}
