using System.Buffers.Binary;
using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// A SHA-1 object id held by value: a key for hundreds of thousands of trees without an
/// allocation per id (LibGit2Sharp's <see cref="ObjectId"/> is a class around an array).
/// </summary>
internal readonly record struct GitOid(ulong High, ulong Middle, uint Low)
{
    public static GitOid From(ReadOnlySpan<byte> id) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(id), BinaryPrimitives.ReadUInt64BigEndian(id[8..]), BinaryPrimitives.ReadUInt32BigEndian(id[16..]));

    public static GitOid From(ObjectId id) => From(id.RawId);

    public ObjectId ToObjectId()
    {
        var raw = new byte[20];
        BinaryPrimitives.WriteUInt64BigEndian(raw, High);
        BinaryPrimitives.WriteUInt64BigEndian(raw.AsSpan(8), Middle);
        BinaryPrimitives.WriteUInt32BigEndian(raw.AsSpan(16), Low);
        return new ObjectId(raw);
    }

    public override string ToString() => ToObjectId().Sha;
}
