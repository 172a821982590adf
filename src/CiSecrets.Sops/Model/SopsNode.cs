namespace CiSecrets.Sops;

/// <summary>A character range of the file text a node was parsed from (end exclusive).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// A node of a sops tree (sops' <c>TreeBranch</c>/<c>TreeItem</c>, see sops.go): mappings keep their
/// items in file order (duplicates possible), sequences their elements, comments are items too.
/// Scalars may hold plaintext, so no node prints its content.
/// </summary>
public abstract class SopsNode
{
    public sealed override string ToString() => $"{GetType().Name}({Redaction.Mask})";

    /// <summary>A deep copy without source spans (used for YAML aliases and for building new trees).</summary>
    public abstract SopsNode Clone();
}

/// <summary>An ordered mapping: its items are <see cref="SopsEntry"/> and <see cref="SopsComment"/>.</summary>
public sealed class SopsMapping : SopsNode
{
    public List<SopsNode> Items { get; } = [];

    /// <summary>True for a JSON object or a YAML flow mapping.</summary>
    public bool Flow { get; set; }

    public IEnumerable<SopsEntry> Entries => Items.OfType<SopsEntry>();

    public SopsEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);

    public SopsMapping Add(string key, SopsNode value)
    {
        Items.Add(new SopsEntry(key, value));
        return this;
    }

    public override SopsNode Clone()
    {
        var copy = new SopsMapping { Flow = Flow };
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}

/// <summary>A key and its value inside a mapping.</summary>
public sealed class SopsEntry(string key, SopsNode value) : SopsNode
{
    public string Key { get; } = key;

    public SopsNode Value { get; set; } = value;

    /// <summary>Where the whole entry (key start to value end) sits in the source text.</summary>
    public TextSpan? Span { get; set; }

    public override SopsNode Clone() => new SopsEntry(Key, Value.Clone());
}

/// <summary>An ordered list: elements and <see cref="SopsComment"/> items.</summary>
public sealed class SopsSequence : SopsNode
{
    public List<SopsNode> Items { get; } = [];

    public bool Flow { get; set; }

    public override SopsNode Clone()
    {
        var copy = new SopsSequence { Flow = Flow };
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}

/// <summary>A comment line (YAML <c>#</c>, dotenv <c>#</c>, INI <c>;</c>/<c>#</c>): the text after the marker.</summary>
public sealed class SopsComment(string text, bool inline = false) : SopsNode
{
    public string Text { get; } = text;

    public bool Inline { get; } = inline;

    public TextSpan? Span { get; set; }

    public override SopsNode Clone() => new SopsComment(Text, Inline);
}

/// <summary>The scalar types sops distinguishes (its Go types, and the <c>type:</c> of an encrypted value).</summary>
public enum ScalarKind
{
    Null,
    String,
    Int,
    Float,
    Bool,
    Time,

    /// <summary>A byte string that is not valid UTF-8 (binary store, YAML <c>!!binary</c>); encrypted as <c>type:str</c>.</summary>
    Bytes,
}

/// <summary>
/// A leaf value: <see cref="Value"/> is null, a string, a long, a double, a bool, a
/// <see cref="DateTimeOffset"/> or a byte array, as <see cref="Kind"/> says.
/// </summary>
public sealed class SopsScalar : SopsNode
{
    public SopsScalar(ScalarKind kind, object? value)
    {
        Kind = kind;
        Value = value;
    }

    public ScalarKind Kind { get; }

    public object? Value { get; }

    /// <summary>Where the scalar's text (quotes included) sits in the source text.</summary>
    public TextSpan? Span { get; set; }

    /// <summary>True inside a YAML flow collection (where an ENC string must be quoted).</summary>
    public bool InFlow { get; set; }

    /// <summary>True when the source wrote it as a YAML block scalar (<c>|</c> or <c>&gt;</c>).</summary>
    public bool Block { get; set; }

    /// <summary>A nanosecond remainder below the 100 ns resolution of <see cref="DateTimeOffset"/>.</summary>
    public int ExtraNanoseconds { get; init; }

    public static SopsScalar CreateNull() => new(ScalarKind.Null, null);

    public static SopsScalar Of(string value) => new(ScalarKind.String, value);

    public static SopsScalar Of(long value) => new(ScalarKind.Int, value);

    public static SopsScalar Of(double value) => new(ScalarKind.Float, value);

    public static SopsScalar Of(bool value) => new(ScalarKind.Bool, value);

    public string? AsString => Value as string;

    public override SopsNode Clone() => new SopsScalar(Kind, Value) { InFlow = InFlow, Block = Block, ExtraNanoseconds = ExtraNanoseconds };
}
