using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>A blob one change put at a path, and the blobs it replaced (one per parent that had the path, plus renamed-away blobs).</summary>
internal sealed record BlobChange(string Path, ObjectId Blob, IReadOnlyList<(string Path, ObjectId Blob)> Previous);
