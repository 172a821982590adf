namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>Object types as pack entries encode them (https://git-scm.com/docs/pack-format#_object_types).</summary>
internal enum GitObjectType : byte
{
    None = 0,
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
    OffsetDelta = 6,
    ReferenceDelta = 7,
}
