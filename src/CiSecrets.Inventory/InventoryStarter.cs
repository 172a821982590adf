using System.Text;
using CiSecrets.Sops;
using YamlDotNet.RepresentationModel;

namespace CiSecrets.Inventory;

/// <summary>What <c>cisecrets init</c> found in a repository: SOPS files (with the value paths their clear keys show) and plaintext Secret manifests.</summary>
public sealed record RepositorySurvey(IReadOnlyList<SurveyedSopsFile> SopsFiles, IReadOnlyList<string> PlaintextManifests, IReadOnlyList<string> AgeRecipients);

/// <summary>An encrypted file and its value locations (keys are clear in a SOPS file; values are not read).</summary>
public sealed record SurveyedSopsFile(string Path, IReadOnlyList<SurveyedValue> Values);

/// <summary>A value location: a path for plain bundles, or a Kubernetes Secret and key for manifest bundles.</summary>
public sealed record SurveyedValue(string Name, SopsPath? Path, KubernetesTarget? Kubernetes);

/// <summary>
/// Writes a commented starter <c>.cisecrets.yaml</c> and <c>.sops.yaml</c> from what a repository
/// already holds: the first SOPS file becomes the bundle and each of its values a secret (kind
/// guessed from the key name), plaintext Secret manifests are listed to be encrypted. Only key
/// names are read, never a value.
/// </summary>
public static class InventoryStarter
{
    private const long MaxFileBytes = 1024 * 1024;

    /// <summary>Looks through <paramref name="files"/> (relative to <paramref name="root"/>).</summary>
    public static RepositorySurvey Survey(string root, IEnumerable<string> files)
    {
        var sopsFiles = new List<SurveyedSopsFile>();
        var manifests = new List<string>();
        var recipients = new List<string>();
        foreach (var relative in files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var full = Path.Combine(root, relative);
            if (!File.Exists(full) || new FileInfo(full).Length > MaxFileBytes || Path.GetFileName(relative) is SopsConfig.FileName or SecretsInventory.FileName)
            {
                continue;
            }

            var documents = Documents(full);
            if (documents is null)
            {
                continue;
            }

            if (documents.Any(d => d.Children.ContainsKey("sops")))
            {
                sopsFiles.Add(new SurveyedSopsFile(relative, [.. Values(documents)]));
                recipients.AddRange(SopsFiles.Status(full).Recipients.Where(r => r.Type == "age").Select(r => r.Identifier));
            }
            else if (documents.Any(IsSecretManifest))
            {
                manifests.Add(relative);
            }
        }

        return new RepositorySurvey(sopsFiles, manifests, [.. recipients.Distinct(StringComparer.Ordinal)]);
    }

    public static string InventoryYaml(RepositorySurvey survey)
    {
        var bundle = survey.SopsFiles.FirstOrDefault();
        var builder = new StringBuilder();
        builder.Append("""
            # CiSecrets inventory: every managed secret once, the gate phases, rotation settings.
            # Reference: the README section "The inventory: .cisecrets.yaml". Values never go here.

            """);
        builder.Append("# The default SOPS bundle, relative to the repository root.\n");
        builder.Append($"bundle: {bundle?.Path ?? "secrets/bundle.sops.yaml"}\n\n");
        builder.Append("defaults:\n  rotation-interval: 90d   # d (days) or h (hours)\n  min-length: 20\n\n");
        foreach (var manifest in survey.PlaintextManifests)
        {
            builder.Append($"# Plaintext Secret manifest found: {manifest}. Move its values into the bundle (sops encrypt) and delete it.\n");
        }

        if (bundle is null || bundle.Values.Count == 0)
        {
            builder.Append("""
                secrets: []
                #  - name: postgres_password          # unique; letters, digits, _ . -
                #    kind: password                   # password | api-key | token | signing-key | encryption-key | custom
                #    path: '["postgres"]["password"]' # where the value is in the bundle
                #    kubernetes: { secret: postgres-credentials, key: POSTGRES_PASSWORD }
                #    consumers: [postgres]
                #    rotation-interval: 30d

                """);
        }
        else
        {
            builder.Append($"# Found in {bundle.Path}; kinds are guessed from the key names: check them, add consumers.\nsecrets:\n");
            foreach (var value in bundle.Values)
            {
                builder.Append($"  - name: {value.Name}\n    kind: {GuessKind(value.Name).Name()}\n");
                if (value.Path is { } path)
                {
                    builder.Append($"    path: '{path}'\n");
                }
                else
                {
                    builder.Append($"    kubernetes: {{ secret: {value.Kubernetes!.Secret}, key: {value.Kubernetes.Key}{(value.Kubernetes.Namespace is { } ns ? $", namespace: {ns}" : "")} }}\n");
                }

                builder.Append("    consumers: []\n");
            }
        }

        builder.Append("""

            # Checks each deployment phase runs (cisecrets gate PHASE). level: block | warn; when-skipped: pass | warn | block.
            gates:
              pre-merge:
                - check: leaks
                - check: sops
                - check: require-encrypted
                - { check: gitignore, level: warn }
              deploy:
                - { check: secret-strength, when-skipped: block }
                - check: rotation-age
                - check: inventory
                - check: live-values-in-history
                - { check: cluster, level: warn }

            rotation:
              branch-prefix: cisecrets/rotate-
              labels: [security, secrets-rotation]
              reviewers: []

            """);
        return builder.ToString();
    }

    public static string SopsConfigYaml(RepositorySurvey survey)
    {
        var bundle = survey.SopsFiles.FirstOrDefault()?.Path ?? "secrets/bundle.sops.yaml";
        var directory = Path.GetDirectoryName(bundle)?.Replace('\\', '/') is { Length: > 0 } d ? d + "/" : "";
        var recipient = survey.AgeRecipients.Count > 0
            ? $"    age: {string.Join(",", survey.AgeRecipients)}\n"
            : "    # age: age1...   # your public key (age-keygen -y keys.txt); add one per person or deploy key\n";
        // Manifests keep kind and names readable (only data and stringData are encrypted); any other bundle is encrypted whole.
        var manifests = survey.SopsFiles.FirstOrDefault()?.Values.Any(v => v.Kubernetes is not null) == true;
        var regex = manifests ? "    encrypted_regex: ^(data|stringData)$\n" : "";
        return "# sops creation rules: which files are encrypted, and to whom (first match wins).\n"
            + "creation_rules:\n"
            + $"  - path_regex: {System.Text.RegularExpressions.Regex.Escape(directory)}.*\\.sops\\.ya?ml$\n"
            + regex
            + recipient;
    }

    private static SecretKind GuessKind(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("jwt") || lower.Contains("signing") => SecretKind.SigningKey,
            _ when lower.Contains("encryption") || lower.Contains("data_key") => SecretKind.EncryptionKey,
            _ when lower.Contains("api_key") || lower.Contains("apikey") || lower.Contains("api-key") => SecretKind.ApiKey,
            _ when lower.Contains("token") => SecretKind.Token,
            _ => SecretKind.Password,
        };
    }

    private static List<YamlMappingNode>? Documents(string path)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // Not YAML we can read: not something init can describe.
            return null;
        }
    }

    private static bool IsSecretManifest(YamlMappingNode document) =>
        document.Children.TryGetValue("kind", out var kind) && kind is YamlScalarNode { Value: "Secret" };

    private static IEnumerable<SurveyedValue> Values(List<YamlMappingNode> documents)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (IsSecretManifest(document))
            {
                var metadata = document.Children.TryGetValue("metadata", out var m) ? m as YamlMappingNode : null;
                var secretName = metadata?.Children.TryGetValue("name", out var n) == true ? (n as YamlScalarNode)?.Value : null;
                var ns = metadata?.Children.TryGetValue("namespace", out var s) == true ? (s as YamlScalarNode)?.Value : null;
                foreach (var field in new[] { "data", "stringData" })
                {
                    if (secretName is not null && document.Children.TryGetValue(field, out var entries) && entries is YamlMappingNode map)
                    {
                        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!))
                        {
                            yield return new SurveyedValue(Unique(names, $"{secretName}_{key}"), null, new KubernetesTarget(secretName, key, ns));
                        }
                    }
                }
            }
            else
            {
                foreach (var path in Leaves(document, []))
                {
                    yield return new SurveyedValue(Unique(names, string.Join("_", path.Segments)), path, null);
                }
            }
        }
    }

    private static IEnumerable<SopsPath> Leaves(YamlMappingNode mapping, List<object> prefix)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || (prefix.Count == 0 && name == "sops"))
            {
                continue;
            }

            if (value is YamlMappingNode child)
            {
                foreach (var leaf in Leaves(child, [.. prefix, name]))
                {
                    yield return leaf;
                }
            }
            else if (value is YamlScalarNode)
            {
                yield return new SopsPath([.. prefix, name]);
            }
        }
    }

    /// <summary>A secret name from key names: lower case, only the characters names allow, unique.</summary>
    private static string Unique(HashSet<string> names, string raw)
    {
        var cleaned = new string([.. raw.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_')]);
        var name = cleaned;
        for (var i = 2; !names.Add(name); i++)
        {
            name = $"{cleaned}_{i}";
        }

        return name;
    }
}
