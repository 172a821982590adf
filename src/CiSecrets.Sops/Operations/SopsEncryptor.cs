using System.Security.Cryptography;
using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// Encrypts a plaintext document into a new sops file (what <c>sops encrypt</c> does): a new data key
/// wrapped for the rule's key groups, every value encrypted under the rule's suffix/regex options, the
/// MAC, and the metadata in sops 3.13 layout. https://github.com/getsops/sops/blob/main/cmd/sops/encrypt.go
/// </summary>
public static class SopsEncryptor
{
    /// <summary>The sops version this library writes files as.</summary>
    public const string Version = "3.13.2";

    public static string Encrypt(byte[] plaintext, SopsFormat format, SopsCreationRule rule, string subject, DateTimeOffset now) =>
        Encrypt(plaintext, format, format, rule, subject, now);

    /// <summary>
    /// Encrypts a document read as <paramref name="inputFormat"/> and written as <paramref name="outputFormat"/>
    /// (sops' <c>--input-type</c> / <c>--output-type</c>); the binary store converts to nothing else.
    /// </summary>
    public static string Encrypt(byte[] plaintext, SopsFormat inputFormat, SopsFormat outputFormat, SopsCreationRule rule, string subject, DateTimeOffset now)
    {
        if (inputFormat != outputFormat && (inputFormat == SopsFormat.Binary || outputFormat == SopsFormat.Binary))
        {
            throw new InputException(subject, $"a {inputFormat.ToString().ToLowerInvariant()} file cannot be written as {outputFormat.ToString().ToLowerInvariant()}");
        }

        var store = SopsStores.For(inputFormat);
        List<SopsMapping> branches;
        if (inputFormat == SopsFormat.Binary)
        {
            branches = [BinaryStore.Wrap(plaintext)];
        }
        else
        {
            string text;
            try
            {
                text = Utf8Text.WithoutByteOrderMark(new UTF8Encoding(false, true).GetString(plaintext));
            }
            catch (DecoderFallbackException)
            {
                throw new InputException(subject, "the file is not UTF-8 text");
            }

            if (text.Trim().Length == 0)
            {
                throw new InputException(subject, "the file is empty");
            }

            var document = store.Parse(text, subject);
            if (document.MetadataNode is not null)
            {
                throw new InputException(subject, "the file is already encrypted (it has sops metadata)");
            }

            branches = document.Branches;
        }

        return EncryptBranches(branches, SopsStores.For(outputFormat), rule, subject, now);
    }

    internal static string EncryptBranches(IReadOnlyList<SopsMapping> branches, ISopsStore store, SopsCreationRule rule, string subject, DateTimeOffset now)
    {
        // The binary store ignores encryption rules and writes none (sops >= 3.9).
        var rules = store.Format == SopsFormat.Binary ? new EncryptionRules() : rule.Rules;
        rules.Validate(subject);
        if (rule.KeyGroups.Count == 0 || rule.KeyGroups.Any(g => g.Keys.Count == 0))
        {
            throw new InputException(subject, "the creation rule has no keys to encrypt to");
        }

        if (rule.KeyGroups.Count > 1 && rule.ShamirThreshold is 1)
        {
            throw new InputException(subject, "a Shamir threshold of 1 is not allowed with several key groups");
        }

        var dataKey = RandomNumberGenerator.GetBytes(32);
        var threshold = rule.KeyGroups.Count > 1 ? (rule.ShamirThreshold > 0 ? Math.Min(rule.ShamirThreshold, rule.KeyGroups.Count) : rule.KeyGroups.Count) : 0;
        var groups = DataKeys.Wrap(dataKey, rule.KeyGroups, threshold, subject);
        var cipher = new AesGcmValueCipher(dataKey);
        var effective = rules.WithDefault();
        var encrypted = branches.Select(b => TreeCrypto.EncryptBranch(b, effective, cipher)).ToList();
        var lastModified = SopsMetadata.TruncateToSeconds(now.ToUniversalTime());
        var metadata = new SopsMetadata
        {
            KeyGroups = groups,
            ShamirThreshold = threshold,
            LastModified = lastModified,
            Version = Version,
            Rules = store.Format == SopsFormat.Binary ? new EncryptionRules() : rules.Count == 0 ? rules.WithDefault() : rules,
        };
        var mac = TreeCrypto.ComputeMac(branches, effective);
        metadata = metadata with { Mac = cipher.Encrypt(Encoding.ASCII.GetBytes(mac), "str", metadata.LastModifiedAad, freshIv: true).Format() };
        return store.Emit(encrypted, MetadataCodec.Write(metadata));
    }
}
