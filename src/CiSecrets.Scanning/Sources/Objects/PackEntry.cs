namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>
/// One object of a pack, from its header: where its compressed data starts and ends, its stored
/// type and inflated size (for a delta, the delta's), and the entry it is a delta of (-1 for none).
/// Entries are numbered in pack order.
/// </summary>
internal readonly record struct PackEntry(long DataOffset, long End, long Size, GitObjectType StoredType, int Base, int NameIndex);
