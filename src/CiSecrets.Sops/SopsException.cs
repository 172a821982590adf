namespace CiSecrets.Sops;

/// <summary>Why a sops file could not be decrypted or verified.</summary>
public enum SopsErrorKind
{
    /// <summary>No age identity was found (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, keys.txt).</summary>
    NoIdentity,

    /// <summary>Identities were available but none opens any of the file's keys (a wrong key).</summary>
    NoMatchingKey,

    /// <summary>The file can only be opened by key types this library does not decrypt (PGP, KMS, Vault…).</summary>
    UnsupportedKeyType,

    /// <summary>Too few Shamir key groups could be opened.</summary>
    ShamirThresholdNotMet,

    /// <summary>A value's AES-GCM tag does not verify (tampered data, iv or tag, or a value moved to another key).</summary>
    ValueAuthenticationFailed,

    /// <summary>The file has no MAC.</summary>
    NoMac,

    /// <summary>The stored MAC does not decrypt (it, or lastmodified, was changed).</summary>
    MacUndecryptable,

    /// <summary>The MAC over the plaintext differs from the stored one (a value was changed, added, removed or reordered).</summary>
    MacMismatch,

    /// <summary>The file cannot be rewritten as asked (a key type that cannot be wrapped, a missing path…).</summary>
    Unsupported,
}

/// <summary>
/// A sops file failed to decrypt or verify. The message is one line naming the file, the problem and,
/// where it applies, the key path; it never holds a plaintext value.
/// </summary>
public sealed class SopsException : Exception
{
    public SopsException(SopsErrorKind kind, string file, string problem, string? keyPath = null)
        : base(keyPath is null ? $"{file}: {problem}" : $"{file}: {problem} (at '{keyPath}')")
    {
        Kind = kind;
        File = file;
        KeyPath = keyPath;
    }

    public SopsErrorKind Kind { get; }

    public string File { get; }

    /// <summary>The value's path (keys joined by ':'), when the problem is about one value.</summary>
    public string? KeyPath { get; }
}
