using System.Text;
using System.Text.RegularExpressions;
using CiSecrets.Sops;

namespace CiSecrets.Inventory;

/// <summary>
/// What <c>cisecrets init</c> found in a repository: SOPS files of any format (with the value paths
/// their clear keys show), plaintext Secret manifests, and the age recipients the SOPS files use.
/// </summary>
public sealed record RepositorySurvey(IReadOnlyList<SurveyedSopsFile> SopsFiles, IReadOnlyList<string> PlaintextManifests, IReadOnlyList<string> AgeRecipients);

/// <summary>An encrypted file, its format and its value locations (keys are clear in a SOPS file; values are not read).</summary>
public sealed record SurveyedSopsFile(string Path, SopsFormat Format, IReadOnlyList<SurveyedValue> Values, IReadOnlyList<string> AgeRecipients)
{
    /// <summary>A bundle of Kubernetes Secret manifests (sops then encrypts only <c>data</c> and <c>stringData</c>).</summary>
    public bool HoldsSecretManifests => Values.Any(v => v.Kubernetes is not null);
}

/// <summary>A value location: a path for plain bundles, or a Kubernetes Secret and key for manifest bundles.</summary>
public sealed record SurveyedValue(string Name, SopsPath? Path, KubernetesTarget? Kubernetes);

/// <summary>
/// Writes a commented starter <c>.cisecrets.yaml</c> and <c>.sops.yaml</c> from what a repository
/// already holds: every file with a sops metadata block (YAML, JSON, dotenv, INI or a binary
/// envelope) and each of its values becomes a secret (kind guessed from the key name; the first file
/// is the default bundle, the others are named per secret), consumers are filled from the workloads
/// that read each Kubernetes Secret when the caller knows them, and plaintext Secret manifests are
/// listed to be encrypted. Only key names are read, never a value.
/// </summary>
public static class InventoryStarter
{
    private const long MaxFileBytes = 1024 * 1024;

    /// <summary>Looks through <paramref name="files"/> (relative to <paramref name="root"/>).</summary>
    public static RepositorySurvey Survey(string root, IEnumerable<string> files)
    {
        var sopsFiles = new List<SurveyedSopsFile>();
        var manifests = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relative in files.Order(StringComparer.Ordinal))
        {
            var full = Path.Combine(root, relative);
            if (!File.Exists(full) || new FileInfo(full).Length > MaxFileBytes || Path.GetFileName(relative) is SopsConfig.FileName or SecretsInventory.FileName)
            {
                continue;
            }

            var file = Parse(full, relative);
            if (file?.Metadata is not null)
            {
                sopsFiles.Add(new SurveyedSopsFile(relative, file.Format, [.. Values(relative, file.StoredBranches, names)], [.. file.Recipients.Where(r => r.Type == "age").Select(r => r.Identifier)]));
            }
            else if (file is { Format: SopsFormat.Yaml or SopsFormat.Json } && file.StoredBranches.Any(BundleTree.IsSecretManifest))
            {
                manifests.Add(relative);
            }
        }

        return new RepositorySurvey(sopsFiles, manifests, [.. sopsFiles.SelectMany(f => f.AgeRecipients).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The starter inventory. <paramref name="consumers"/> names the workloads that read a Kubernetes
    /// Secret (from the repository's workload manifests); without it, or for values at a path, consumers stay empty.
    /// </summary>
    public static string InventoryYaml(RepositorySurvey survey, Func<KubernetesTarget, IReadOnlyList<string>>? consumers = null)
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

        if (survey.SopsFiles.All(f => f.Values.Count == 0))
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
            builder.Append($"# Found in {string.Join(", ", survey.SopsFiles.Where(f => f.Values.Count > 0).Select(f => f.Path))}; kinds are guessed from the key names: check them.\n");
            builder.Append("# Consumers come from the workload manifests that read each Secret; add the ones they do not show.\nsecrets:\n");
            foreach (var file in survey.SopsFiles)
            {
                foreach (var value in file.Values)
                {
                    builder.Append($"  - name: {value.Name}\n    kind: {GuessKind(value.Name).Name()}\n");
                    if (file != bundle)
                    {
                        builder.Append($"    bundle: {file.Path}\n");
                    }

                    if (value.Path is { } path)
                    {
                        builder.Append($"    path: '{path}'\n");
                    }

                    var readers = value.Kubernetes is { } target && consumers is not null ? consumers(target) : [];
                    if (value.Kubernetes is { } kubernetes)
                    {
                        builder.Append($"    kubernetes: {{ secret: {kubernetes.Secret}, key: {kubernetes.Key}{(kubernetes.Namespace is { } ns ? $", namespace: {ns}" : "")} }}\n");
                    }

                    builder.Append($"    consumers: [{string.Join(", ", readers)}]\n");
                }
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

    /// <summary>
    /// Creation rules: one per SOPS file found, matching its path exactly, with the recipients it is
    /// encrypted to (manifest bundles keep kind and names readable: only data and stringData are
    /// encrypted); without any, one commented rule for <c>secrets/*.sops.yaml</c>.
    /// </summary>
    public static string SopsConfigYaml(RepositorySurvey survey)
    {
        var builder = new StringBuilder("# sops creation rules: which files are encrypted, and to whom (first match wins).\ncreation_rules:\n");
        if (survey.SopsFiles.Count == 0)
        {
            builder.Append("  - path_regex: secrets/.*\\.sops\\.ya?ml$\n");
            builder.Append("    # age: age1...   # your public key (age-keygen -y keys.txt); add one per person or deploy key\n");
            return builder.ToString();
        }

        foreach (var file in survey.SopsFiles)
        {
            builder.Append($"  - path_regex: (^|/){Regex.Escape(file.Path)}$\n");
            if (file.HoldsSecretManifests)
            {
                builder.Append("    encrypted_regex: ^(data|stringData)$\n");
            }

            builder.Append(file.AgeRecipients.Count > 0
                ? $"    age: {string.Join(",", file.AgeRecipients)}\n"
                : "    # age: age1...   # this file has no age recipient: add your public key (age-keygen -y keys.txt)\n");
        }

        return builder.ToString();
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

    /// <summary>The file as the SOPS library reads it (format by extension, a JSON envelope otherwise), or null when it is no text it can read.</summary>
    private static SopsFile? Parse(string full, string relative)
    {
        var bytes = File.ReadAllBytes(full);
        var format = SopsFormats.ForPath(relative);
        // Anything without the word "sops" is no SOPS file; only YAML and JSON are read further, for plaintext Secret manifests.
        if (format is not (SopsFormat.Yaml or SopsFormat.Json) && !Encoding.UTF8.GetString(bytes).Contains("sops", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return SopsFile.Parse(bytes, relative, format);
        }
        catch (InputException)
        {
            // Not a document the SOPS stores read (a Helm template, broken YAML, a binary file): nothing for init.
            return null;
        }
    }

    private static IEnumerable<SurveyedValue> Values(string relative, IReadOnlyList<SopsMapping> documents, HashSet<string> names)
    {
        foreach (var location in BundleTree.Values(relative, documents).Select(v => v.Location))
        {
            var document = documents[location.Document];
            var metadata = document.Find("metadata")?.Value as SopsMapping;
            var secretName = BundleTree.Text(metadata?.Find("name")?.Value);
            // A manifest encrypted whole (no encrypted_regex) hides its name: address the value by path then.
            if (BundleTree.IsSecretManifest(document) && secretName is not null && !secretName.StartsWith("ENC[", StringComparison.Ordinal))
            {
                var key = (string)location.Path.Segments[^1];
                yield return new SurveyedValue(Unique(names, $"{secretName}_{key}"), null, new KubernetesTarget(secretName, key, BundleTree.Text(metadata?.Find("namespace")?.Value)));
            }
            else
            {
                yield return new SurveyedValue(Unique(names, string.Join("_", location.Path.Segments)), location.Path, null);
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
