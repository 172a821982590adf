using System.Text;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// A tree object's entries read from its bytes: <c>"&lt;octal mode&gt; &lt;name&gt;\0"</c> and a
/// 20-byte id each, sorted the way git sorts them (by name, a subtree's name as if it ended in <c>/</c>).
/// </summary>
internal readonly struct RawTree(ArraySegment<byte> content)
{
    private readonly ArraySegment<byte> _content = content;

    public readonly record struct Entry(Mode Mode, int NameStart, int NameLength, int IdStart)
    {
        public bool IsTree => Mode == Mode.Directory;
    }

    public ReadOnlySpan<byte> Name(Entry entry) => _content.AsSpan(entry.NameStart, entry.NameLength);

    public string NameText(Entry entry) => Encoding.UTF8.GetString(Name(entry));

    public GitOid Id(Entry entry) => GitOid.From(_content.AsSpan(entry.IdStart, 20));

    public bool IdEquals(Entry entry, RawTree other, Entry otherEntry) =>
        _content.AsSpan(entry.IdStart, 20).SequenceEqual(other._content.AsSpan(otherEntry.IdStart, 20));

    /// <summary>The entries in stored order; a malformed tree yields a <see cref="FormatException"/>.</summary>
    public List<Entry> Entries()
    {
        var entries = new List<Entry>();
        var position = 0;
        var bytes = _content.AsSpan();
        while (position < bytes.Length)
        {
            var mode = 0;
            for (; position < bytes.Length && bytes[position] != (byte)' '; position++)
            {
                var digit = bytes[position] - '0';
                mode = digit is >= 0 and <= 7 ? (mode * 8) + digit : throw new FormatException("a tree entry's mode is not octal");
            }

            var nameStart = position + 1;
            var nul = nameStart > bytes.Length ? -1 : bytes[nameStart..].IndexOf((byte)0);
            if (nul < 0 || nameStart + nul + 21 > bytes.Length)
            {
                throw new FormatException("a tree entry is truncated");
            }

            entries.Add(new Entry((Mode)mode, nameStart, nul, nameStart + nul + 1));
            position = nameStart + nul + 21;
        }

        return entries;
    }

    /// <summary>Git's tree order: names compared bytewise, a subtree's name followed by <c>/</c>.</summary>
    public static int Compare(RawTree left, Entry l, RawTree right, Entry r)
    {
        var a = left.Name(l);
        var b = right.Name(r);
        var common = Math.Min(a.Length, b.Length);
        var order = a[..common].SequenceCompareTo(b[..common]);
        if (order != 0)
        {
            return order;
        }

        int next(ReadOnlySpan<byte> name, Entry e) => name.Length > common ? name[common] : e.IsTree ? '/' : 0;
        return next(a, l).CompareTo(next(b, r));
    }
}
