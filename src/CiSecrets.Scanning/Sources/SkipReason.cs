namespace CiSecrets.Scanning.Sources;

/// <summary>Why a file was not scanned; each is counted and reported.</summary>
public enum SkipReason
{
    Binary,
    TooLarge,
    Symlink,
    Submodule,
    Allowlisted,
}
