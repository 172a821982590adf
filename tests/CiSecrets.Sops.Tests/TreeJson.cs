using System.Text.Json;

namespace CiSecrets.Sops.Tests;

/// <summary>Compares a plaintext tree with an expected JSON document (numbers numerically, times as RFC 3339 strings).</summary>
internal static class TreeJson
{
    /// <summary>The first difference, or null when equal. Messages name paths, never values.</summary>
    public static string? Difference(SopsNode node, JsonElement expected, string path = "$")
    {
        switch (node)
        {
            case SopsMapping m:
                if (expected.ValueKind != JsonValueKind.Object)
                {
                    return $"{path}: expected {expected.ValueKind}, got a mapping";
                }

                var entries = m.Entries.ToList();
                var properties = expected.EnumerateObject().ToList();
                if (entries.Count != properties.Count)
                {
                    return $"{path}: expected {properties.Count} keys, got {entries.Count}";
                }

                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i].Key != properties[i].Name)
                    {
                        return $"{path}: key {i} differs";
                    }

                    if (Difference(entries[i].Value, properties[i].Value, $"{path}.{entries[i].Key}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case SopsSequence s:
                var items = s.Items.Where(x => x is not SopsComment).ToList();
                if (expected.ValueKind != JsonValueKind.Array || expected.GetArrayLength() != items.Count)
                {
                    return $"{path}: list shape differs";
                }

                for (var i = 0; i < items.Count; i++)
                {
                    if (Difference(items[i], expected[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case SopsScalar scalar:
                var equal = scalar.Kind switch
                {
                    ScalarKind.Null => expected.ValueKind == JsonValueKind.Null,
                    ScalarKind.Bool => expected.ValueKind is JsonValueKind.True or JsonValueKind.False && expected.GetBoolean() == (bool)scalar.Value!,
                    ScalarKind.Int => expected.ValueKind == JsonValueKind.Number
                        && (expected.TryGetInt64(out var l) ? l == (long)scalar.Value! : expected.GetDouble() == (long)scalar.Value!),
                    ScalarKind.Float => expected.ValueKind == JsonValueKind.Number && expected.GetDouble() == (double)scalar.Value!,
                    ScalarKind.Time => expected.ValueKind == JsonValueKind.String && expected.GetString() == GoFormat.FormatTime((DateTimeOffset)scalar.Value!, scalar.ExtraNanoseconds),
                    ScalarKind.String => expected.ValueKind == JsonValueKind.String && expected.GetString() == (string)scalar.Value!,
                    _ => false,
                };
                return equal ? null : $"{path}: {scalar.Kind} value differs from expected {expected.ValueKind}";
            default:
                return $"{path}: unexpected node";
        }
    }
}
