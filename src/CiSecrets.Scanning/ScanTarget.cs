namespace CiSecrets.Scanning;

/// <summary>What part of a repository (or folder) a scan reads.</summary>
public enum ScanTarget
{
    /// <summary>Every commit reachable from every ref.</summary>
    History,

    /// <summary>The commits of <c>BASE..HEAD</c> (a pull request).</summary>
    Range,

    /// <summary>The index against HEAD (a pre-commit hook).</summary>
    Staged,

    /// <summary>Files on disk, no git.</summary>
    Directory,
}
