using System.Text.Json;

namespace CiSecrets.Scanning.Sources;

/// <summary>A webhook event payload with lookups that name the file and the missing field on failure.</summary>
internal sealed record EventPayload(string Path, JsonElement Root)
{
    public string RequiredString(params string[] names) =>
        OptionalString(names) ?? throw new InputException(Path, $"event payload has no string {string.Join('.', names)}");

    public string? OptionalString(params string[] names) =>
        Find(names) is { ValueKind: JsonValueKind.String } element ? element.GetString() : null;

    public bool? OptionalBoolean(params string[] names) => Find(names) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    private JsonElement? Find(string[] names)
    {
        var current = Root;
        foreach (var name in names)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
