using System.Text;

namespace CiSecrets.Testing;

/// <summary>
/// Kubernetes Secret manifests as teams keep them in a SOPS bundle: one multi-document YAML. Tests
/// pass the values they generated at run time; <c>data</c> values are given in plain text and
/// written base64-encoded, the way Kubernetes stores them.
/// </summary>
public static class SecretManifestYaml
{
    public static string Secret(string name, string? ns = null, IReadOnlyDictionary<string, string>? data = null, IReadOnlyDictionary<string, string>? stringData = null)
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: Secret\nmetadata:\n");
        yaml.Append("  name: ").Append(name).Append('\n');
        if (ns is not null)
        {
            yaml.Append("  namespace: ").Append(ns).Append('\n');
        }

        yaml.Append("type: Opaque\n");
        Section(yaml, "data", data?.ToDictionary(e => e.Key, e => Convert.ToBase64String(Encoding.UTF8.GetBytes(e.Value))));
        Section(yaml, "stringData", stringData);
        return yaml.ToString();
    }

    /// <summary>Several manifests as one multi-document YAML file.</summary>
    public static string Bundle(params string[] manifests) => string.Join("---\n", manifests);

    private static void Section(StringBuilder yaml, string field, IReadOnlyDictionary<string, string>? entries)
    {
        if (entries is not { Count: > 0 })
        {
            return;
        }

        yaml.Append(field).Append(":\n");
        foreach (var (key, value) in entries)
        {
            yaml.Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        }
    }
}
