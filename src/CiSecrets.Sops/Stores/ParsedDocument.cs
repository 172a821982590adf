namespace CiSecrets.Sops;

/// <summary>
/// A file as a store read it: its text, one branch per document (the <c>sops</c> entry removed), the
/// metadata tree of the first document when there is one, and where each document's metadata sits
/// in the text (so an edit can replace only that).
/// </summary>
internal sealed class ParsedDocument
{
    public required string Text { get; init; }

    public required List<SopsMapping> Branches { get; init; }

    public SopsMapping? MetadataNode { get; init; }

    /// <summary>Where each document's metadata sits (YAML/JSON: the whole <c>sops</c> entry; dotenv/INI: the flattened lines or section).</summary>
    public List<TextSpan> MetadataSpans { get; init; } = [];

    /// <summary>The top-level scalar fields of every document's metadata (lastmodified, mac…) with their spans.</summary>
    public List<KeyValuePair<string, SopsScalar>> MetadataScalars { get; init; } = [];

    public override string ToString() => $"{nameof(ParsedDocument)}({Branches.Count} documents, {Redaction.Mask})";
}

/// <summary>One text replacement of an in-place edit.</summary>
internal readonly record struct TextEdit(TextSpan Span, string Replacement)
{
    public override string ToString() => $"{Span.Start}..{Span.End}";

    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var ordered = edits.OrderBy(e => e.Span.Start).ToList();
        var builder = new System.Text.StringBuilder(text.Length);
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Span.Start < position)
            {
                throw new InvalidOperationException("overlapping edits");
            }

            builder.Append(text, position, edit.Span.Start - position).Append(edit.Replacement);
            position = edit.Span.End;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }
}

/// <summary>A file format: parse to the tree with source spans, write a tree, and render single values for in-place edits.</summary>
internal interface ISopsStore
{
    SopsFormat Format { get; }

    ParsedDocument Parse(string text, string subject);

    /// <summary>Writes the branches, with <paramref name="metadata"/> (if any) as each document's <c>sops</c> entry.</summary>
    string Emit(IReadOnlyList<SopsMapping> branches, SopsMapping? metadata);

    /// <summary>The text that replaces <paramref name="original"/>'s span to hold <paramref name="value"/>.</summary>
    string RenderScalar(SopsScalar original, SopsScalar value);

    /// <summary>Edits that replace every document's metadata with <paramref name="metadata"/>.</summary>
    IEnumerable<TextEdit> ReplaceMetadata(ParsedDocument document, SopsMapping metadata);
}

internal static class SopsStores
{
    public static ISopsStore For(SopsFormat format) => format switch
    {
        SopsFormat.Yaml => new YamlStore(),
        SopsFormat.Json => new JsonStore(),
        SopsFormat.Dotenv => new DotenvStore(),
        SopsFormat.Ini => new IniStore(),
        _ => new BinaryStore(),
    };

    /// <summary>Removes the top-level <c>sops</c> entries of every branch; returns the first as metadata.</summary>
    public static (SopsMapping? Metadata, List<TextSpan> Spans, List<KeyValuePair<string, SopsScalar>> Scalars) ExtractMetadata(List<SopsMapping> branches, string subject)
    {
        SopsMapping? metadata = null;
        var spans = new List<TextSpan>();
        var scalars = new List<KeyValuePair<string, SopsScalar>>();
        foreach (var branch in branches)
        {
            var entries = branch.Items.OfType<SopsEntry>().Where(e => e.Key == "sops").ToList();
            foreach (var entry in entries)
            {
                if (entry.Value is not SopsMapping m)
                {
                    throw new InputException(subject, "the top-level 'sops' entry is not a mapping");
                }

                metadata ??= m;
                scalars.AddRange(m.Entries.Where(e => e.Value is SopsScalar { Span: not null }).Select(e => new KeyValuePair<string, SopsScalar>(e.Key, (SopsScalar)e.Value)));
                if (entry.Span is { } span)
                {
                    spans.Add(span);
                }

                branch.Items.Remove(entry);
            }
        }

        return (metadata, spans, scalars);
    }
}
