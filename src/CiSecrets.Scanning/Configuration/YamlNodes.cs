using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CiSecrets.Scanning.Configuration;

/// <summary>Strict reading of a YAML mapping: every error names the file, the line and the key.</summary>
internal sealed class YamlNodes(string file)
{
    public string File { get; } = file;

    public InputException Error(YamlNode node, string problem) =>
        new(File, $"line {node.Start.Line}: {problem}");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    /// <summary>The mapping's entries, refusing unknown and duplicate keys.</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping, string what, params string[] known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw Error(keyNode, $"{what}: keys must be plain names");
            if (!known.Contains(key))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what} (known: {string.Join(", ", known)})");
            }

            if (!seen.Add(key))
            {
                throw Error(keyNode, $"duplicate key '{key}' in {what}");
            }

            yield return (key, value);
        }
    }

    public string String(YamlNode node, string what) =>
        (node as YamlScalarNode)?.Value ?? throw Error(node, $"{what} must be a string");

    public IReadOnlyList<string> Strings(YamlNode node, string what) =>
        node is YamlSequenceNode sequence
            ? [.. sequence.Children.Select(child => String(child, $"each item of {what}"))]
            : throw Error(node, $"{what} must be a list of strings");

    public double Number(YamlNode node, string what) =>
        double.TryParse(String(node, what), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, $"{what} must be a number");

    /// <summary>A size such as <c>10MB</c>, <c>512KB</c> or a byte count.</summary>
    public long Size(YamlNode node, string what)
    {
        var text = String(node, what).Trim().ToUpperInvariant();
        long multiplier = text.EndsWith("GB", StringComparison.Ordinal) ? 1L << 30
            : text.EndsWith("MB", StringComparison.Ordinal) ? 1L << 20
            : text.EndsWith("KB", StringComparison.Ordinal) ? 1L << 10
            : 1;
        var digits = multiplier == 1 ? text.TrimEnd('B') : text[..^2];
        return long.TryParse(digits.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value * multiplier
            : throw Error(node, $"{what} must be a size such as 10MB, 512KB or a number of bytes");
    }
}
