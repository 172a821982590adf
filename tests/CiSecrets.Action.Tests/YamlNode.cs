namespace CiSecrets.Action.Tests;

/// <summary>Navigation over what YamlDotNet deserializes untyped (dictionaries, lists, strings).</summary>
internal static class YamlNode
{
    public static Dictionary<object, object> Map(this object? node, string key) =>
        node.Child(key) as Dictionary<object, object> ?? throw new KeyNotFoundException($"'{key}' is not a mapping");

    public static List<object> List(this object? node, string key) =>
        node.Child(key) as List<object> ?? throw new KeyNotFoundException($"'{key}' is not a list");

    public static string? Text(this object? node, string key) => node.Child(key) as string;

    public static object? Child(this object? node, string key) =>
        node is Dictionary<object, object> map && map.TryGetValue(key, out var value) ? value : null;

    public static bool Has(this object? node, string key) => node is Dictionary<object, object> map && map.ContainsKey(key);

    public static IEnumerable<KeyValuePair<string, object>> Entries(this Dictionary<object, object> map) =>
        map.Select(entry => new KeyValuePair<string, object>((string)entry.Key, entry.Value));
}
