using System.Globalization;
using CiSecrets.Sops;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiSecrets.Inventory;

/// <summary>
/// Typed reads from a YAML representation tree, each failure an <see cref="InputException"/> that
/// names the file and the line (YamlDotNet marks are 1-based), so a typo is found without guessing.
/// </summary>
internal sealed class YamlFields(string subject)
{
    public string Subject { get; } = subject;

    public InputException Error(YamlNode node, string problem) => Error(node.Start, problem);

    public InputException Error(Mark mark, string problem) => new(Subject, $"line {mark.Line}: {problem}");

    /// <summary>Parses one YAML document; an empty file is an empty mapping.</summary>
    public YamlMappingNode ParseRoot(string text)
    {
        var stream = new YamlStream();
        try
        {
            // Bounded first: YamlStream builds its tree recursively and walks shared alias nodes once per alias.
            stream.Load(YamlBounds.Parser(text, Subject));
        }
        catch (YamlException exception)
        {
            // The inventory holds no values, but keep the message to its first line all the same.
            var message = exception.Message.Split('\n')[0];
            throw Error(exception.Start, $"not valid YAML: {message}");
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return new YamlMappingNode();
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(stream.Documents[1].RootNode, "the file must hold one YAML document");
        }

        return Mapping(stream.Documents[0].RootNode, "the file");
    }

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping, string what, IReadOnlyCollection<string> allowed)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : throw Error(keyNode, $"a key of {what} must be a plain name");
            if (!allowed.Contains(key))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", allowed)})");
            }

            yield return (key, keyNode, value);
        }
    }

    public string String(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } && !IsNull(node) ? value : throw Error(node, $"{what} must be a text value");

    public int PositiveInt(YamlNode node, string what)
    {
        var text = String(node, what);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Error(node, $"{what} must be a whole number above 0, not '{text}'");
    }

    public IReadOnlyList<string> StringList(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, $"{what} must be a list");
        }

        return [.. sequence.Children.Select(item => String(item, $"an item of {what}"))];
    }

    public IReadOnlyList<YamlNode> List(YamlNode node, string what) =>
        IsNull(node) ? [] : node is YamlSequenceNode sequence ? sequence.Children.ToList() : throw Error(node, $"{what} must be a list");

    /// <summary>An interval: <c>90d</c>, <c>12h</c> or plain days (<c>90</c>), above zero.</summary>
    public TimeSpan Interval(YamlNode node, string what)
    {
        var text = String(node, what).Trim();
        var (number, unit) = text.Length > 0 && char.IsLetter(text[^1]) ? (text[..^1], char.ToLowerInvariant(text[^1])) : (text, 'd');
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || unit is not ('d' or 'h'))
        {
            throw Error(node, $"{what} must be a number of days or hours above 0 such as 90d or 12h, not '{text}'");
        }

        return unit == 'd' ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount);
    }
}
