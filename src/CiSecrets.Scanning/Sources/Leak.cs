namespace CiSecrets.Scanning.Sources;

/// <summary>
/// A detection attributed to where it entered: the commit whose change added the line (empty
/// for staged changes and files on disk) and the path it was added at.
/// </summary>
public sealed record Leak(Detection.Detection Detection, string Path, string Commit)
{
    public override string ToString() => $"{Commit}:{Path}:{Detection}";
}
