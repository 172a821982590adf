namespace CiSecrets.Scanning.Sources;

/// <summary>Why a file was not scanned; each is counted and reported.</summary>
public enum SkipReason
{
    Binary,
    TooLarge,
    Symlink,
    Submodule,
    Allowlisted,

    /// <summary>A blob a partial clone left on its promisor remote (for example past a size filter).</summary>
    NotInPartialClone,
}
