namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// The lines of one generated file as it evolves, with its length kept up to date so a version can be
/// streamed to fast-import without first being joined. Planted secret lines are never edited again.
/// </summary>
public sealed class FileContent
{
    private readonly List<string> _lines = [];
    private readonly HashSet<string> _planted = new(ReferenceEqualityComparer.Instance);

    /// <summary>Bytes of the file: every line plus its newline (all content is ASCII).</summary>
    public long Length { get; private set; }

    public int LineCount => _lines.Count;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>
    /// <paramref name="candidate"/>, or the first index after the planted block it falls inside: new lines
    /// never split a multi-line secret (a split private key would be a different secret to a scanner).
    /// </summary>
    public int InsertionPoint(int candidate)
    {
        while (candidate > 0 && candidate < _lines.Count && _planted.Contains(_lines[candidate - 1]) && _planted.Contains(_lines[candidate]))
        {
            candidate++;
        }

        return candidate;
    }

    public void Insert(int index, string line)
    {
        _lines.Insert(index, line);
        Length += line.Length + 1;
    }

    public void InsertPlanted(int index, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            Insert(index + i, lines[i]);
            _planted.Add(lines[i]);
        }
    }

    /// <summary>Replaces a line unless it is planted; returns whether it did.</summary>
    public bool TryReplace(int index, string line)
    {
        if (_planted.Contains(_lines[index]))
        {
            return false;
        }

        Length += line.Length - _lines[index].Length;
        _lines[index] = line;
        return true;
    }

    public bool TryRemove(int index)
    {
        if (_planted.Contains(_lines[index]))
        {
            return false;
        }

        Length -= _lines[index].Length + 1;
        _lines.RemoveAt(index);
        return true;
    }
}
