using System.Globalization;
using System.Text.Json;

namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// Reads a <c>cisecrets scan --format json</c> report, <c>{"findings": [...], "stats": {...}}</c>, for the
/// benchmark's notes. The stats' names are still settling, so whatever numbers are present are shown.
/// </summary>
public static class ScanReport
{
    public static string Summarize(string json, int? planted)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var findings = root.TryGetProperty("findings", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.GetArrayLength().ToString(CultureInfo.InvariantCulture)
            : "?";
        var notes = new List<string> { planted is null ? $"findings {findings}" : $"findings {findings} vs planted {planted}" };
        if (root.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Object)
        {
            notes.AddRange(stats.EnumerateObject()
                .Where(property => property.Value.ValueKind == JsonValueKind.Number)
                .Select(property => $"{property.Name}={property.Value.GetRawText()}"));
        }

        return string.Join(", ", notes);
    }
}
