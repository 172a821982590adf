namespace CiSecrets.Scanning;

/// <summary>
/// The commits reachable from <see cref="Head"/> and from none of <see cref="Excluded"/>: what
/// <c>git rev-list HEAD ^EXCLUDED...</c> lists. <c>BASE..HEAD</c> is the one-exclusion case; the
/// first push of a branch excludes the tips of every other ref.
/// </summary>
public sealed record CommitRange(string Head, IReadOnlyList<string> Excluded)
{
    /// <summary>Parses <c>BASE..HEAD</c>; three-dot and malformed ranges are input errors.</summary>
    public static CommitRange Parse(string range)
    {
        if (range.Contains("...", StringComparison.Ordinal))
        {
            throw new InputException(range, "three-dot ranges are symmetric differences; give BASE..HEAD");
        }

        var parts = range.Split("..", 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new InputException(range, "not a commit range; expected BASE..HEAD");
        }

        return new CommitRange(parts[1], [parts[0]]);
    }

    public override string ToString() => Excluded.Count == 1
        ? $"{Excluded[0]}..{Head}"
        : $"{Head} not reachable from {Excluded.Count} other refs";
}
