using System.Globalization;
using System.Text;
using CiSecrets.Sops;

namespace CiSecrets.Inventory;

/// <summary>Reads values out of decrypted bundle documents.</summary>
internal static class BundleTree
{
    /// <summary>
    /// Every value of every document. A Kubernetes Secret manifest contributes only its <c>data</c>
    /// (base64-decoded) and <c>stringData</c> entries; its kind, name and labels are not secrets.
    /// </summary>
    public static List<BundleValue> Values(string file, IReadOnlyList<SopsMapping> documents)
    {
        var values = new List<BundleValue>();
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            if (IsSecretManifest(document))
            {
                AddManifestField(values, file, index, document, "data", decode: true);
                AddManifestField(values, file, index, document, "stringData", decode: false);
            }
            else
            {
                Walk(document, [], file, index, values);
            }
        }

        return values;
    }

    public static int FindSecretManifest(IReadOnlyList<SopsMapping> documents, KubernetesTarget target)
    {
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            var metadata = document.Find("metadata")?.Value as SopsMapping;
            if (IsSecretManifest(document)
                && Text(metadata?.Find("name")?.Value) == target.Secret
                && (target.Namespace is null || Text(metadata?.Find("namespace")?.Value) is not { } ns || ns == target.Namespace))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>A Kubernetes Secret manifest: <c>kind: Secret</c> with an <c>apiVersion</c>.</summary>
    public static bool IsSecretManifest(SopsMapping document) =>
        Text(document.Find("kind")?.Value) == "Secret" && document.Find("apiVersion") is not null;

    private static void AddManifestField(List<BundleValue> values, string file, int index, SopsMapping document, string field, bool decode)
    {
        if (document.Find(field)?.Value is not SopsMapping entries)
        {
            return;
        }

        foreach (var entry in entries.Entries)
        {
            if (Text(entry.Value) is not { } text)
            {
                continue;
            }

            var value = decode ? DecodeBase64(text) : text;
            values.Add(new BundleValue(new BundleLocation(file, index, SopsPath.Of(field, entry.Key)), value));
        }
    }

    /// <summary>Kubernetes stores data as base64; a value that is not base64 is kept as written (the manifest is broken, but the text is still a value to check).</summary>
    private static string DecodeBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : text;
    }

    private static void Walk(SopsNode node, List<object> path, string file, int index, List<BundleValue> values)
    {
        switch (node)
        {
            case SopsMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Walk(entry.Value, [.. path, entry.Key], file, index, values);
                }

                break;
            case SopsSequence sequence:
                var position = 0;
                foreach (var item in sequence.Items.Where(i => i is not SopsComment))
                {
                    Walk(item, [.. path, position++], file, index, values);
                }

                break;
            case SopsScalar scalar when Text(scalar) is { } text && path.Count > 0:
                values.Add(new BundleValue(new BundleLocation(file, index, new SopsPath(path)), text));
                break;
        }
    }

    /// <summary>A scalar as text the way it reads in the file; null for null and for non-scalars.</summary>
    public static string? Text(SopsNode? node) => node is SopsScalar scalar ? scalar.Value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    } : null;
}
