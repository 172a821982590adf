using System.Globalization;
using System.Text;
using CiSecrets.Sops;

namespace CiSecrets.Kubernetes;

/// <summary>
/// Reads a decrypted SOPS bundle of Kubernetes Secret manifests (multi-document YAML, values under
/// <c>data</c> in base64 or <c>stringData</c> as text) into <see cref="SecretManifest"/>s, in memory.
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < bundle.Branches.Count; index++)
        {
            var document = bundle.Branches[index];
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

    private static IEnumerable<(string Key, string Value)> Entries(SopsMapping document, string field, string subject, string secret)
    {
        var node = document.Find(field)?.Value;
        if (node is null or SopsScalar { Kind: ScalarKind.Null })
        {
            yield break;
        }

        if (node is not SopsMapping mapping)
        {
            throw new InputException(subject, $"Secret {secret}: {field} is not a mapping");
        }

        foreach (var entry in mapping.Entries)
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
