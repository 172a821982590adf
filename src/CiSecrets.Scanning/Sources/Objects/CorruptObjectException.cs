namespace CiSecrets.Scanning.Sources.Objects;

/// <summary>An object the object database holds but cannot produce: bad compression, a broken delta, a missing delta base.</summary>
internal sealed class CorruptObjectException(string objectId, string problem, Exception? inner = null)
    : Exception($"git object {objectId} is corrupt or missing: {problem}", inner)
{
    public string ObjectId { get; } = objectId;
}
