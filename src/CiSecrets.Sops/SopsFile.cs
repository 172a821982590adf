using System.Text;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

/// <summary>A master key of a file, for reporting who can open it.</summary>
public sealed record SopsRecipient(int Group, string Type, string Identifier);

/// <summary>
/// A sops file as read from disk: its store, its parsed tree (ciphertext only) and metadata. Opening it
/// (<see cref="Decrypt"/>) needs identities; editing (<see cref="SetValues"/>, <see cref="Rotate"/>,
/// <see cref="UpdateKeys"/>) returns the new file text, which <see cref="SopsFiles"/> writes atomically.
/// </summary>
public sealed partial class SopsFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private SopsFile(string subject, SopsFormat format, ParsedDocument document, ISopsStore store, SopsMetadata? metadata)
    {
        Subject = subject;
        Format = format;
        Document = document;
        Store = store;
        Metadata = metadata;
    }

    /// <summary>The file name used in messages.</summary>
    public string Subject { get; }

    public SopsFormat Format { get; }

    /// <summary>The metadata; null when the file has no <c>sops</c> block (not encrypted).</summary>
    public SopsMetadata? Metadata { get; }

    /// <summary>True when the file has a sops block with a version and a MAC (what <c>sops filestatus</c> calls encrypted).</summary>
    public bool IsEncrypted => Metadata?.IsComplete == true;

    /// <summary>The text as read.</summary>
    public string Text => Document.Text;

    internal ParsedDocument Document { get; }

    internal ISopsStore Store { get; }

    /// <summary>
    /// A copy of the documents as stored: keys in plaintext (sops never encrypts a key), values still
    /// <c>ENC[…]</c> where encrypted. Reading names this way needs no identity.
    /// </summary>
    public IReadOnlyList<SopsMapping> StoredBranches => [.. Document.Branches.Select(b => (SopsMapping)b.Clone())];

    /// <summary>Whether a stored node is an encrypted value (an <c>ENC[…]</c> string).</summary>
    public static bool IsEncryptedValue(SopsNode? node) => node is SopsScalar { Value: string text } && EncryptedValue.LooksEncrypted(text);

    /// <summary>Every master key, by group.</summary>
    public IReadOnlyList<SopsRecipient> Recipients =>
        Metadata is null ? [] : [.. Metadata.KeyGroups.SelectMany((g, i) => g.Keys.Select(k => new SopsRecipient(i, k.Type, k.Identifier)))];

    /// <summary>
    /// The largest file read as a SOPS file. sops has no limit, but a secrets file this size is a mistake, and
    /// parsing it (every value decrypted in memory) would take the time and memory of a whole CI step.
    /// </summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Reads and parses a file (format by extension unless given). Bad input is an <see cref="InputException"/>.</summary>
    public static SopsFile Load(string path, SopsFormat? format = null)
    {
        ThrowIfMissingOrTooLarge(path);
        return Parse(BoundedFile.ReadAllBytes(path, MaxFileBytes), path, format ?? SopsFormats.ForPath(path));
    }

    /// <summary>The checks before a file is read: it exists and is within <see cref="MaxFileBytes"/>.</summary>
    internal static void ThrowIfMissingOrTooLarge(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InputException(path, "file not found");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InputException(path, $"the file is {SizeText(info.Length)}, over the {SizeText(MaxFileBytes)} limit for SOPS files");
        }
    }

    /// <summary>A size as people read it (MiB with one decimal, bytes below a MiB).</summary>
    internal static string SizeText(long bytes) => BoundedFile.SizeText(bytes);

    public static SopsFile Parse(byte[] content, string subject, SopsFormat format)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException(subject, "the file is not UTF-8 text (an encrypted sops file always is)");
        }

        return Parse(text, subject, format);
    }

    public static SopsFile Parse(string text, string subject, SopsFormat format)
    {
        text = Utf8Text.WithoutByteOrderMark(text);
        if (text.Trim().Length == 0)
        {
            throw new InputException(subject, "the file is empty");
        }

        var store = SopsStores.For(format);
        var document = store.Parse(text, subject);
        if (document.Branches.Count == 0)
        {
            throw new InputException(subject, "the file holds no document");
        }

        var metadata = document.MetadataNode is null ? null : MetadataCodec.Read(document.MetadataNode, subject);
        return new SopsFile(subject, format, document, store, metadata);
    }

    /// <summary>
    /// Recovers the data key, decrypts every value and (unless told not to) verifies the MAC. Throws a
    /// <see cref="SopsException"/> (missing identity, wrong key, tampered value, MAC mismatch) or an
    /// <see cref="InputException"/> (malformed file); never returns partial plaintext.
    /// </summary>
    public SopsDecryptedFile Decrypt(IReadOnlyList<AgeIdentity> identities, bool verifyMac = true) =>
        Decrypt(identities, verifyMac, tolerateClear: false);

    /// <summary>Decrypts; with <paramref name="tolerateClear"/> a clear value where an encrypted one belongs is kept (so the MAC can still be checked).</summary>
    internal SopsDecryptedFile Decrypt(IReadOnlyList<AgeIdentity> identities, bool verifyMac, bool tolerateClear)
    {
        var metadata = RequireMetadata();
        var dataKey = DataKeys.Recover(metadata, identities, Subject);
        return DecryptWithKey(dataKey, verifyMac, tolerateClear);
    }

    /// <summary>Decrypts with a known data key (tests, key services).</summary>
    public SopsDecryptedFile DecryptWithKey(byte[] dataKey, bool verifyMac = true) => DecryptWithKey(dataKey, verifyMac, tolerateClear: false);

    private SopsDecryptedFile DecryptWithKey(byte[] dataKey, bool verifyMac, bool tolerateClear)
    {
        var metadata = RequireMetadata();
        var cipher = new AesGcmValueCipher(dataKey);
        var rules = metadata.EffectiveRules;
        var branches = Document.Branches.Select(b => TreeCrypto.DecryptBranch(b, rules, cipher, Subject, tolerateClear)).ToList();
        var computed = TreeCrypto.ComputeMac(branches, rules);
        var status = CheckMac(metadata, cipher, computed, verifyMac);
        return new SopsDecryptedFile(this, branches, cipher, computed, status);
    }

    private MacStatus CheckMac(SopsMetadata metadata, AesGcmValueCipher cipher, string computed, bool verify)
    {
        if (metadata.Mac.Length == 0)
        {
            return verify ? throw new SopsException(SopsErrorKind.NoMac, Subject, "the file has no MAC, so its integrity cannot be verified") : MacStatus.Missing;
        }

        var stored = EncryptedValue.TryParse(metadata.Mac, out var problem)
            ?? throw new InputException(Subject, $"the sops mac field: {problem}");
        var plaintext = cipher.Decrypt(stored, metadata.LastModifiedAad);
        if (plaintext is null)
        {
            return verify
                ? throw new SopsException(SopsErrorKind.MacUndecryptable, Subject, "the stored MAC does not decrypt (the mac or lastmodified field was changed)")
                : MacStatus.Undecryptable;
        }

        if (Encoding.ASCII.GetString(plaintext) != computed)
        {
            return verify
                ? throw new SopsException(SopsErrorKind.MacMismatch, Subject, "MAC mismatch: the values were changed, added, removed or reordered since the file was encrypted")
                : MacStatus.Mismatch;
        }

        return MacStatus.Verified;
    }

    internal SopsMetadata RequireMetadata() =>
        Metadata ?? throw new InputException(Subject, "the file is not encrypted with sops (no sops metadata)");

    public override string ToString() => $"SopsFile({Subject}, {Format}, {(Metadata is null ? "plain" : "encrypted")})";
}

/// <summary>The outcome of checking a file's MAC.</summary>
public enum MacStatus
{
    Verified,
    Missing,
    Undecryptable,
    Mismatch,
}

/// <summary>
/// A decrypted file, in memory only: the plaintext tree, its MAC and the data key. It never prints its
/// content; write it out with <see cref="ToPlaintext"/>.
/// </summary>
public sealed partial class SopsDecryptedFile
{
    internal SopsDecryptedFile(SopsFile source, List<SopsMapping> branches, AesGcmValueCipher cipher, string computedMac, MacStatus macStatus)
    {
        Source = source;
        Branches = branches;
        Cipher = cipher;
        ComputedMac = computedMac;
        MacStatus = macStatus;
    }

    public SopsFile Source { get; }

    /// <summary>The plaintext documents (one for every format but multi-document YAML).</summary>
    public IReadOnlyList<SopsMapping> Branches { get; }

    /// <summary>The upper-case hex MAC computed over the plaintext.</summary>
    public string ComputedMac { get; }

    public MacStatus MacStatus { get; }

    internal AesGcmValueCipher Cipher { get; }

    /// <summary>The data key in lower-case hex (a secret: for interoperability checks only).</summary>
    public string DataKeyHex() => DataKeys.Hex(Cipher.DataKey);

    /// <summary>The plaintext value at a path, or null when there is none.</summary>
    public SopsNode? Find(SopsPath path) => Navigate(Branches[0], path);

    internal static SopsNode? Navigate(SopsNode root, SopsPath path)
    {
        SopsNode? node = root;
        foreach (var segment in path.Segments)
        {
            node = (node, segment) switch
            {
                (SopsMapping m, string key) => m.Find(key)?.Value,
                (SopsSequence s, int index) => s.Items.Where(i => i is not SopsComment).ElementAtOrDefault(index),
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The plaintext file as sops' decrypt writes it (the store's format; raw bytes for binary).</summary>
    public byte[] ToPlaintext()
    {
        if (Source.Format == SopsFormat.Binary)
        {
            // As sops' binary store: a file without the "data" value is an error, not an empty plaintext.
            return (Branches[0].Find("data")?.Value as SopsScalar) is { Kind: not ScalarKind.Null } data
                ? ValueCodec.ToBytes(data)
                : throw new InputException(Source.Subject, "no binary data in the file (no top-level 'data' value); if it is another store, name it with --input-type");
        }

        return Encoding.UTF8.GetBytes(Source.Store.Emit(Branches, null));
    }

    /// <summary>A flat view: leaf paths (keys joined by '.') to plaintext strings, for consumers such as rotation and Kubernetes.</summary>
    public IReadOnlyDictionary<string, string> ToFlatDictionary()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var branch in Branches)
        {
            Flatten(branch, "", result);
        }

        return result;
    }

    private static void Flatten(SopsNode node, string prefix, Dictionary<string, string> result)
    {
        switch (node)
        {
            case SopsMapping m:
                foreach (var entry in m.Entries)
                {
                    Flatten(entry.Value, prefix.Length == 0 ? entry.Key : $"{prefix}.{entry.Key}", result);
                }

                break;
            case SopsSequence s:
                var index = 0;
                foreach (var item in s.Items.Where(i => i is not SopsComment))
                {
                    Flatten(item, $"{prefix}[{index++}]", result);
                }

                break;
            case SopsScalar scalar when scalar.Kind != ScalarKind.Null:
                result[prefix] = DotenvStore.ScalarText(scalar);
                break;
        }
    }

    public override string ToString() => $"SopsDecryptedFile({Source.Subject}, MAC {MacStatus}, {Redaction.Mask})";
}
