using CiSecrets.Sops;

namespace CiSecrets.Inventory;

/// <summary>Where a value sits: the bundle (relative to the repository root), the 0-based YAML document, and the path in it.</summary>
public sealed record BundleLocation(string File, int Document, SopsPath Path)
{
    /// <summary>Two locations are the same place when file, document and path text agree.</summary>
    public bool SamePlace(BundleLocation other) =>
        other.File == File && other.Document == Document && other.Path.ToString() == Path.ToString();

    public override string ToString() => Document == 0 ? $"{File} {Path}" : $"{File} (document {Document + 1}) {Path}";
}
