using System.Security.Cryptography;
using System.Text;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Testing;

/// <summary>
/// A real git repository with <c>.cisecrets.yaml</c>, <c>.sops.yaml</c> and an age-encrypted bundle,
/// made at run time (identity and values included). <see cref="Broken"/> has one of each problem the
/// gates look for; <see cref="Fixed"/> has none. <see cref="PlantedValues"/> lists every secret value
/// written anywhere, so tests can assert none of them reaches any output.
/// </summary>
public sealed class SecretsRepository : IDisposable
{
    public const string Inventory = """
        # The inventory of the test repository.
        bundle: secrets/bundle.sops.yaml
        defaults:
          rotation-interval: 90d
          min-length: 20
        secrets:
          - name: postgres_password
            kind: password
            path: postgres.password
            consumers: [postgres, aidb]
            database: { engine: postgres, user: app }
          - name: redis_password
            kind: password
            path: redis.password
            consumers: [redis, aidb]
          - name: grafana_admin_password
            kind: password
            path: grafana.admin_password
            consumers: [grafana]
          - name: stack_api_key
            kind: api-key
            path: stack.api_key
            consumers: [stack]
          - name: jwt_secret
            kind: signing-key
            path: api.jwt_secret
            consumers: [api]
        gates:
          pre-merge:
            - check: leaks
            - check: sops
            - check: require-encrypted
            - check: gitignore
          deploy:
            - { check: secret-strength, when-skipped: block }
            - check: rotation-age
            - check: inventory
            - check: live-values-in-history
            - check: permissions
            - { check: cluster, level: warn }
        """;

    private readonly List<string> _planted = [];

    private SecretsRepository()
    {
        Git = new TempGitRepository();
    }

    public TempGitRepository Git { get; }

    public string Path => Git.Path;

    public AgeIdentity Identity { get; } = AgeIdentity.Generate();

    /// <summary>The environment a gate run needs: the age identity inline, nothing else (no CI, no HOME).</summary>
    public Dictionary<string, string> Environment() => new() { ["SOPS_AGE_KEY"] = Identity.ExportSecret() };

    /// <summary>Every secret value this repository holds or held, anywhere.</summary>
    public IReadOnlyList<string> PlantedValues => _planted;

    /// <summary>
    /// The index of the first planted value found in any of <paramref name="outputs"/>, or null: tests
    /// assert null, so a failure message names an index, never the value.
    /// </summary>
    public int? PlantedValueIn(params string[] outputs)
    {
        var index = _planted.FindIndex(value => outputs.Any(output => output.Contains(value, StringComparison.Ordinal)));
        return index < 0 ? null : index;
    }

    /// <summary>
    /// A weak secret (a placeholder), two secrets sharing a value, an overdue secret, a bundle value
    /// no secret claims, a plaintext Secret manifest, the current JWT secret committed in plaintext in
    /// an old commit, no .gitignore, and a world-readable local <c>.env</c>.
    /// </summary>
    public static SecretsRepository Broken()
    {
        var repository = new SecretsRepository();
        var shared = repository.Plant(Random(Alphanumeric, 32));
        var jwt = repository.Plant(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        repository.Git.Write("config/settings.txt", $"# jwt for local runs\njwt: {jwt}\n").Commit("Local settings");
        repository.Git.Delete("config/settings.txt");
        repository.WriteCommon();
        repository.WriteBundle(new()
        {
            ["postgres.password"] = repository.Plant("change_me_in_production"),
            ["redis.password"] = shared,
            ["grafana.admin_password"] = shared,
            ["stack.api_key"] = repository.Plant(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64))),
            ["api.jwt_secret"] = jwt,
            ["legacy.token"] = repository.Plant(Random(Alphanumeric, 40)),
        });
        repository.Git.Write(".cisecrets-rotations.yaml", "stack_api_key: 2020-01-01T00:00:00Z\n");
        repository.Git.Write("k8s/app-secret.yaml", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  DEBUG_TOKEN: {repository.Plant(Random(Alphanumeric, 36))}\n");
        repository.Git.Commit("Secrets inventory and bundle");
        repository.WriteLocalEnv(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return repository;
    }

    /// <summary>Every problem of <see cref="Broken"/> fixed: strong unique values, no orphan, nothing in plaintext, ever.</summary>
    public static SecretsRepository Fixed()
    {
        var repository = new SecretsRepository();
        repository.WriteCommon();
        repository.Git.Write(".gitignore", ".env\n*.secret\n*.key\n");
        repository.WriteBundle(new()
        {
            ["postgres.password"] = repository.Plant(Random(DatabaseSafe, 43)),
            ["redis.password"] = repository.Plant(Random(DatabaseSafe, 43)),
            ["grafana.admin_password"] = repository.Plant(Random(DatabaseSafe, 43)),
            ["stack.api_key"] = repository.Plant(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64))),
            ["api.jwt_secret"] = repository.Plant(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))),
        });
        repository.Git.Commit("Secrets inventory and bundle");
        repository.WriteLocalEnv(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return repository;
    }

    /// <summary>Re-encrypts the bundle with these dotted-path values (the previous ones stay planted).</summary>
    public void WriteBundle(Dictionary<string, string> values)
    {
        var yaml = new StringBuilder();
        foreach (var group in values.GroupBy(v => v.Key.Split('.')[0]))
        {
            yaml.Append(group.Key).Append(":\n");
            foreach (var (key, value) in group)
            {
                yaml.Append("  ").Append(key.Split('.')[1]).Append(": ").Append(value).Append('\n');
            }
        }

        var rule = SopsCreationRule.ForAge([Identity.Recipient]);
        Git.Write("secrets/bundle.sops.yaml", SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(yaml.ToString()), SopsFormat.Yaml, rule, "secrets/bundle.sops.yaml", TestClock.Now));
    }

    private void WriteCommon()
    {
        Git.Write(".cisecrets.yaml", Inventory);
        Git.Write(".sops.yaml", $"creation_rules:\n  - path_regex: secrets/.*\\.sops\\.yaml$\n    age: {Identity.Recipient.Text}\n");
        Git.Write("README.md", "# service\n");
    }

    private void WriteLocalEnv(UnixFileMode mode)
    {
        Git.Write("deploy/.env", $"LOCAL_TOKEN={Plant(Random(Alphanumeric, 30))}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(System.IO.Path.Combine(Path, "deploy", ".env"), mode);
        }
    }

    private string Plant(string value)
    {
        _planted.Add(value);
        return value;
    }

    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string DatabaseSafe = Alphanumeric + "-_.~";

    private static string Random(string alphabet, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));

    public void Dispose() => Git.Dispose();
}
