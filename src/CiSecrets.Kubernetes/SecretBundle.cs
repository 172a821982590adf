using System.Globalization;
using System.Text;
using CiSecrets.Sops;

namespace CiSecrets.Kubernetes;

/// <summary>
/// Reads a decrypted SOPS bundle of Kubernetes Secret manifests (multi-document YAML, values under
/// <c>data</c> in base64 or <c>stringData</c> as text) into <see cref="SecretManifest"/>s, in memory;
/// or, without decrypting, its Secret and key names (<see cref="TryReadKeys"/>).
/// Error messages name the file, the Secret and the key, never a value.
/// </summary>
public static class SecretBundle
{
    public static IReadOnlyList<SecretManifest> Load(string path, IReadOnlyList<Sops.Age.AgeIdentity> identities) =>
        Read(SopsFile.Load(path).Decrypt(identities));

    public static IReadOnlyList<SecretManifest> Read(SopsDecryptedFile bundle)
    {
        var subject = bundle.Source.Subject;
        var manifests = new List<SecretManifest>();
        foreach (var (document, name, ns) in Secrets(bundle.Branches, subject))
        {
            var data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, value) in Entries(document, "data", subject, name))
            {
                data[key] = Base64(value, subject, name, key);
            }

            // stringData wins over data for the same key, as the API server merges it.
            foreach (var (key, value) in Entries(document, "stringData", subject, name))
            {
                data[key] = Encoding.UTF8.GetBytes(value);
            }

            var type = Text(document.Find("type")?.Value) ?? "Opaque";
            manifests.Add(new SecretManifest(name, ns, type, data));
        }

        return manifests;
    }

    /// <summary>
    /// The bundle's Secrets by name and key names, from the file as stored: sops leaves keys in
    /// plaintext, so no identity is needed. False when a Secret's kind, name or namespace is itself
    /// encrypted (a creation rule without <c>encrypted_regex: ^(data|stringData)$</c>): then only
    /// decrypting tells.
    /// </summary>
    public static bool TryReadKeys(SopsFile bundle, out IReadOnlyList<SecretKeys> secrets)
    {
        var branches = bundle.StoredBranches;
        var metadata = branches.Select(b => b.Find("metadata")?.Value as SopsMapping);
        if (branches.Any(b => SopsFile.IsEncryptedValue(b.Find("kind")?.Value))
            || metadata.Any(m => SopsFile.IsEncryptedValue(m?.Find("name")?.Value) || SopsFile.IsEncryptedValue(m?.Find("namespace")?.Value)))
        {
            secrets = [];
            return false;
        }

        secrets =
        [
            .. Secrets(branches, bundle.Subject).Select(s => new SecretKeys(
                s.Name,
                s.Namespace,
                [.. KeyNames(s.Document, "data", bundle.Subject, s.Name).Union(KeyNames(s.Document, "stringData", bundle.Subject, s.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal)])),
        ];
        return true;
    }

    /// <summary>The documents that hold something, each checked to be a Secret with a name, unique by namespace and name.</summary>
    private static IEnumerable<(SopsMapping Document, string Name, string? Namespace)> Secrets(IReadOnlyList<SopsMapping> branches, string subject)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < branches.Count; index++)
        {
            var document = branches[index];
            if (!document.Entries.Any())
            {
                continue;
            }

            var kind = Text(document.Find("kind")?.Value);
            if (kind != "Secret")
            {
                throw new InputException(subject, $"document {index + 1} is not a Kubernetes Secret (kind: {kind ?? "missing"})");
            }

            var metadata = document.Find("metadata")?.Value as SopsMapping;
            var name = Text(metadata?.Find("name")?.Value);
            if (string.IsNullOrEmpty(name))
            {
                throw new InputException(subject, $"document {index + 1} has no metadata.name");
            }

            var ns = Text(metadata!.Find("namespace")?.Value);
            if (!seen.Add($"{ns}/{name}"))
            {
                throw new InputException(subject, $"Secret {name} appears twice");
            }

            yield return (document, name, ns);
        }
    }

    private static IEnumerable<string> KeyNames(SopsMapping document, string field, string subject, string secret) =>
        Field(document, field, subject, secret)?.Entries.Select(e => e.Key) ?? [];

    /// <summary>The <c>data</c> or <c>stringData</c> mapping; null when absent or null.</summary>
    private static SopsMapping? Field(SopsMapping document, string field, string subject, string secret) => document.Find(field)?.Value switch
    {
        null or SopsScalar { Kind: ScalarKind.Null } => null,
        SopsMapping mapping => mapping,
        _ => throw new InputException(subject, $"Secret {secret}: {field} is not a mapping"),
    };

    private static IEnumerable<(string Key, string Value)> Entries(SopsMapping document, string field, string subject, string secret)
    {
        foreach (var entry in Field(document, field, subject, secret)?.Entries ?? [])
        {
            yield return entry.Value is SopsScalar scalar
                ? (entry.Key, Text(scalar) ?? "")
                : throw new InputException(subject, $"Secret {secret}: {field}.{entry.Key} is not a plain value");
        }
    }

    private static byte[] Base64(string value, string subject, string secret, string key)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InputException(subject, $"Secret {secret}: data.{key} is not base64 (use stringData for plain text)");
        }
    }

    /// <summary>A scalar as YAML wrote it (invariant numbers, lower-case booleans); null for anything else.</summary>
    internal static string? Text(SopsNode? node) => node is SopsScalar scalar ? scalar.Value switch
    {
        null => null,
        string s => s,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    } : null;
}
