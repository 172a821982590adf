using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

/// <summary>What <c>sops filestatus</c> and the validator report about one file.</summary>
public sealed record SopsFileStatus(string Path, SopsFormat Format, bool HasMetadata, bool IsEncrypted, IReadOnlyList<SopsRecipient> Recipients, string Version, DateTimeOffset? LastModified);

/// <summary>
/// The file-level operations the command line calls: each reads the file, computes the whole new text
/// in memory, and only then replaces the file atomically, so a failure leaves it as it was.
/// </summary>
public static class SopsFiles
{
    /// <summary>Decrypts (MAC verified) into memory.</summary>
    public static SopsDecryptedFile Decrypt(string path, IReadOnlyList<AgeIdentity> identities, SopsFormat? format = null, bool verifyMac = true) =>
        SopsFile.Load(path, format).Decrypt(identities, verifyMac);

    /// <summary>Writes the decrypted plaintext of <paramref name="path"/> to <paramref name="outputPath"/> (atomically, mode 0600).</summary>
    public static Task DecryptToFileAsync(string path, string outputPath, IReadOnlyList<AgeIdentity> identities, CancellationToken cancellationToken, SopsFormat? format = null) =>
        DecryptToFileAsync(Decrypt(path, identities, format), outputPath, cancellationToken);

    /// <summary>Writes an already decrypted file's plaintext to <paramref name="outputPath"/>: atomically, readable by its owner only.</summary>
    public static Task DecryptToFileAsync(SopsDecryptedFile decrypted, string outputPath, CancellationToken cancellationToken) =>
        AtomicFile.WriteOwnerOnlyAsync(outputPath, decrypted.ToPlaintext(), cancellationToken);

    /// <summary>
    /// Encrypts the plaintext file <paramref name="path"/> in place (or to <paramref name="outputPath"/>) under <paramref name="rule"/>;
    /// read as <paramref name="format"/> (default: by extension) and written as <paramref name="outputFormat"/> (default: the same).
    /// </summary>
    public static async Task EncryptFileAsync(string path, SopsCreationRule rule, TimeProvider clock, CancellationToken cancellationToken, string? outputPath = null, SopsFormat? format = null, SopsFormat? outputFormat = null)
    {
        var target = outputPath ?? path;
        using var editLock = await FileEditLock.AcquireAsync(target, cancellationToken);
        await WriteReadableAsync(target, EncryptText(path, rule, clock, format, outputFormat), cancellationToken);
    }

    /// <summary>The encrypted text of the plaintext file <paramref name="path"/>, for standard output; the file is not changed.</summary>
    public static Task<string> EncryptToTextAsync(string path, SopsCreationRule rule, TimeProvider clock, CancellationToken cancellationToken, SopsFormat? format = null, SopsFormat? outputFormat = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(EncryptText(path, rule, clock, format, outputFormat));
    }

    private static string EncryptText(string path, SopsCreationRule rule, TimeProvider clock, SopsFormat? format, SopsFormat? outputFormat)
    {
        SopsFile.ThrowIfMissingOrTooLarge(path);
        var input = format ?? SopsFormats.ForPath(path);
        return SopsEncryptor.Encrypt(BoundedFile.ReadAllBytes(path, SopsFile.MaxFileBytes), input, outputFormat ?? input, rule, path, clock.GetUtcNow());
    }

    /// <summary>Encrypts under the first matching creation rule of the <c>.sops.yaml</c> found from <paramref name="workingDirectory"/>.</summary>
    public static Task EncryptFileAsync(string path, string workingDirectory, TimeProvider clock, CancellationToken cancellationToken, string? outputPath = null)
    {
        var config = SopsConfig.Find(workingDirectory) ?? throw new InputException(path, "no .sops.yaml found and no keys given");
        var rule = config.FindRule(Path.GetFullPath(path, workingDirectory)) ?? throw new InputException(path, $"no creation rule in {config.Path} matches this file");
        return EncryptFileAsync(path, rule, clock, cancellationToken, outputPath);
    }

    /// <summary><c>sops set</c>: sets values in place keeping the data key; other bytes stay identical.</summary>
    public static async Task SetAsync(string path, IReadOnlyList<AgeIdentity> identities, IReadOnlyList<KeyValuePair<SopsPath, SopsScalar>> changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var editLock = await FileEditLock.AcquireAsync(path, cancellationToken);
        var text = SopsFile.Load(path).SetValues(identities, changes, clock.GetUtcNow());
        await WriteReadableAsync(path, text, cancellationToken);
    }

    /// <summary>Sets string values by path (the common case for rotation: new passwords and keys).</summary>
    public static Task SetStringsAsync(string path, IReadOnlyList<AgeIdentity> identities, IReadOnlyDictionary<string, string> values, TimeProvider clock, CancellationToken cancellationToken) =>
        SetAsync(path, identities, [.. values.Select(v => new KeyValuePair<SopsPath, SopsScalar>(SopsPath.Parse(v.Key), SopsScalar.Of(v.Value)))], clock, cancellationToken);

    /// <summary><c>sops rotate</c>: a new data key, all values re-encrypted, keys added/removed.</summary>
    /// <remarks>Refused when the identities that open the file would not open it afterwards, unless <paramref name="force"/>.</remarks>
    public static async Task RotateAsync(string path, IReadOnlyList<AgeIdentity> identities, TimeProvider clock, CancellationToken cancellationToken, IEnumerable<AgeRecipient>? addAge = null, IEnumerable<string>? remove = null, bool force = false)
    {
        using var editLock = await FileEditLock.AcquireAsync(path, cancellationToken);
        var text = SopsFile.Load(path).Rotate(identities, clock.GetUtcNow(), addAge, remove, force: force);
        await WriteReadableAsync(path, text, cancellationToken);
    }

    /// <summary><c>sops updatekeys</c>: re-wraps the data key for the matching creation rule's keys; false when already up to date.</summary>
    public static async Task<bool> UpdateKeysAsync(string path, IReadOnlyList<AgeIdentity> identities, SopsConfig config, CancellationToken cancellationToken)
    {
        var rule = config.FindRule(path) ?? throw new InputException(path, $"no creation rule in {config.Path} matches this file");
        using var editLock = await FileEditLock.AcquireAsync(path, cancellationToken);
        var text = SopsFile.Load(path).UpdateKeys(identities, rule.KeyGroups, rule.ShamirThreshold > 0 ? rule.ShamirThreshold : null);
        if (text is null)
        {
            return false;
        }

        await WriteReadableAsync(path, text, cancellationToken);
        return true;
    }

    /// <summary>Writes a SOPS file only when it is within <see cref="SopsFile.MaxFileBytes"/>: a larger one no command would read again.</summary>
    private static Task WriteReadableAsync(string path, string text, CancellationToken cancellationToken)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        return bytes.Length > SopsFile.MaxFileBytes
            ? throw new InputException(path, $"the encrypted file would be {SopsFile.SizeText(bytes.Length)}, over the {SopsFile.SizeText(SopsFile.MaxFileBytes)} limit for SOPS files; nothing was written")
            : AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken);
    }

    /// <summary><c>sops filestatus</c> plus the recipients; a file without metadata is reported, not thrown.</summary>
    public static SopsFileStatus Status(string path, SopsFormat? format = null)
    {
        var actual = format ?? SopsFormats.ForPath(path);
        SopsFile file;
        try
        {
            file = SopsFile.Load(path, actual);
        }
        catch (InputException) when (actual == SopsFormat.Binary && File.Exists(path))
        {
            // A binary file that is not a sops JSON envelope is simply not encrypted.
            return new SopsFileStatus(path, actual, false, false, [], "", null);
        }

        return new SopsFileStatus(path, file.Format, file.Metadata is not null, file.IsEncrypted, file.Recipients, file.Metadata?.Version ?? "", file.Metadata?.LastModified);
    }
}
