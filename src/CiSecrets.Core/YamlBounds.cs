using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CiSecrets;

/// <summary>
/// Bounds a YAML event stream as it is read, before any tree is built: nesting deeper than
/// <see cref="NestingLimit.MaxDepth"/> (counting what aliases bring in), and aliases that expand to more
/// nodes than the document itself holds plus <see cref="AliasAllowance"/> (a "billion laughs" bomb
/// grows a 2 KB file to gigabytes). sops writes no aliases; hand-written YAML uses a few, well within this.
/// </summary>
public sealed class YamlBounds(string subject)
{
    /// <summary>Nodes that aliases may add beyond the number the document spells out.</summary>
    public const long AliasAllowance = 10_000;

    private readonly Dictionary<string, (long Size, int Height)> _anchors = new(StringComparer.Ordinal);
    private readonly List<Frame> _open = [];
    private long _written;
    private long _expanded;

    /// <summary>
    /// A parser of <paramref name="text"/> that checks each event as it is read, so a tree loads from it in
    /// one pass and stops at the first bound crossed (a <see cref="YamlException"/> for malformed YAML passes through).
    /// </summary>
    public static IParser Parser(string text, string subject) => new BoundedParser(new Parser(new StringReader(text)), new YamlBounds(subject));

    /// <summary>Takes the next event; throws an <see cref="InputException"/> when a bound is crossed.</summary>
    public void Observe(ParsingEvent current)
    {
        switch (current)
        {
            case Scalar scalar:
                _written++;
                Remember(scalar.Anchor, 1, 0);
                break;
            case MappingStart or SequenceStart:
                _written++;
                var depth = _open.Count + 1;
                if (depth > NestingLimit.MaxDepth)
                {
                    throw NestingLimit.TooDeep(subject, current.Start.Line);
                }

                _open.Add(new Frame(((NodeEvent)current).Anchor, Count, depth) { Deepest = depth });
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var closed = _open[^1];
                _open.RemoveAt(_open.Count - 1);
                Reach(closed.Deepest);
                Remember(closed.Anchor, Count - closed.StartCount + 1, closed.Deepest - closed.Depth + 1);
                break;
            case AnchorAlias alias:
                Expand(alias);
                break;
            case DocumentStart:
                _anchors.Clear();
                break;
        }
    }

    private long Count => _written + _expanded;

    private void Expand(AnchorAlias alias)
    {
        (long Size, int Height) anchored;
        if (!_anchors.TryGetValue(alias.Value.Value, out anchored))
        {
            // An alias to a collection still open copies what it holds so far.
            var index = _open.FindLastIndex(f => !f.Anchor.IsEmpty && f.Anchor.Value == alias.Value.Value);
            if (index < 0)
            {
                return;
            }

            var frame = _open[index];
            anchored = (Count - frame.StartCount + 1, frame.Deepest - frame.Depth + 1);
        }

        if (_open.Count + anchored.Height > NestingLimit.MaxDepth)
        {
            throw NestingLimit.TooDeep(subject, alias.Start.Line);
        }

        Reach(_open.Count + anchored.Height);
        _expanded += anchored.Size;
        if (_expanded > _written + AliasAllowance)
        {
            throw new InputException(subject, $"YAML aliases at line {alias.Start.Line} expand to over {_expanded} nodes, far more than the file holds (an alias bomb?)");
        }
    }

    private void Reach(int depth)
    {
        if (_open.Count > 0 && _open[^1].Deepest < depth)
        {
            _open[^1].Deepest = depth;
        }
    }

    private void Remember(AnchorName anchor, long size, int height)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (size, height);
        }
    }

    private sealed class Frame(AnchorName anchor, long startCount, int depth)
    {
        public AnchorName Anchor { get; } = anchor;

        public long StartCount { get; } = startCount;

        public int Depth { get; } = depth;

        public int Deepest { get; set; }
    }

    private sealed class BoundedParser(IParser inner, YamlBounds bounds) : IParser
    {
        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            bounds.Observe(inner.Current!);
            return true;
        }
    }
}
