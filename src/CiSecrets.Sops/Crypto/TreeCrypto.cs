using System.Security.Cryptography;
using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// The walks of sops.go (<c>Tree.Encrypt</c>, <c>Tree.Decrypt</c>): every leaf in document order, the
/// AAD is the mapping keys joined by ':' plus ':' (list indices are not part of it), comments use the
/// path of the collection holding them, and the MAC is SHA-512 over the typed plaintext leaves.
/// https://github.com/getsops/sops/blob/main/sops.go
/// </summary>
internal static class TreeCrypto
{
    /// <summary>SHA-256("sops"), the prefix of a mac_only_encrypted MAC.</summary>
    private static readonly byte[] MacOnlyEncryptedPrefix = SHA256.HashData("sops"u8);

    public static string Aad(IReadOnlyList<string> path) => string.Join(':', path) + ":";

    public static string PathText(IReadOnlyList<string> path) => string.Join(':', path);

    /// <summary>The upper-case hex SHA-512 MAC over the plaintext branches.</summary>
    public static string ComputeMac(IEnumerable<SopsMapping> branches, EncryptionRules rules)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        if (rules.MacOnlyEncrypted)
        {
            hash.AppendData(MacOnlyEncryptedPrefix);
        }

        foreach (var branch in branches)
        {
            Walk(branch, [], (scalar, path) =>
            {
                if (scalar.Kind != ScalarKind.Null && (!rules.MacOnlyEncrypted || rules.ShouldEncrypt(path)))
                {
                    hash.AppendData(ValueCodec.ToBytes(scalar));
                }
            });
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Visits every scalar leaf (not comments) in walk order with its path.</summary>
    public static void Walk(SopsNode node, List<string> path, Action<SopsScalar, List<string>> visit)
    {
        switch (node)
        {
            case SopsMapping m:
                foreach (var entry in m.Entries)
                {
                    path.Add(entry.Key);
                    Walk(entry.Value, path, visit);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case SopsSequence s:
                foreach (var item in s.Items.Where(i => i is not SopsComment))
                {
                    Walk(item, path, visit);
                }

                break;
            case SopsScalar scalar:
                visit(scalar, path);
                break;
        }
    }

    /// <summary>Decrypts an encrypted branch into a plaintext branch of the same shape.</summary>
    /// <param name="tolerateClear">Keep clear values where encrypted ones are expected (validation), instead of failing.</param>
    public static SopsMapping DecryptBranch(SopsMapping branch, EncryptionRules rules, AesGcmValueCipher cipher, string subject, bool tolerateClear = false) =>
        (SopsMapping)Map(branch, [], (s, p) => DecryptScalar(s, p, rules, cipher, subject, tolerateClear), (c, p) => DecryptComment(c, p, rules, cipher));

    private static SopsScalar DecryptScalar(SopsScalar scalar, List<string> path, EncryptionRules rules, AesGcmValueCipher cipher, string subject, bool tolerateClear)
    {
        if (scalar.Kind == ScalarKind.Null || !rules.ShouldEncrypt(path))
        {
            return (SopsScalar)scalar.Clone();
        }

        var comments = tolerateClear || rules.UnencryptedCommentRegex is { Length: > 0 } || rules.EncryptedCommentRegex is { Length: > 0 };
        if (scalar.Kind != ScalarKind.String)
        {
            if (comments)
            {
                return (SopsScalar)scalar.Clone();
            }

            throw new InputException(subject, $"a value that must be encrypted is in clear text, the file is half-encrypted (at '{PathText(path)}')");
        }

        var text = (string)scalar.Value!;
        if (text.Length == 0)
        {
            return SopsScalar.Of("");
        }

        if (!EncryptedValue.LooksEncrypted(text))
        {
            if (comments)
            {
                return (SopsScalar)scalar.Clone();
            }

            throw new InputException(subject, $"a value that must be encrypted is in clear text, the file is half-encrypted (at '{PathText(path)}')");
        }

        var encrypted = EncryptedValue.TryParse(text, out var problem)
            ?? throw new InputException(subject, $"{problem} (at '{PathText(path)}')");
        var plaintext = cipher.Decrypt(encrypted, Aad(path))
            ?? throw new SopsException(SopsErrorKind.ValueAuthenticationFailed, subject, "a value failed AES-GCM authentication (tampered data, iv or tag, or a wrong data key)", PathText(path));
        var decoded = encrypted.Type == "comment"
            ? SopsScalar.Of(Encoding.UTF8.GetString(plaintext))
            : ValueCodec.Decode(plaintext, encrypted.Type, out problem) ?? throw new InputException(subject, $"{problem} (at '{PathText(path)}')");
        return decoded;
    }

    private static SopsComment DecryptComment(SopsComment comment, List<string> path, EncryptionRules rules, AesGcmValueCipher cipher)
    {
        // Comments that do not decrypt stay as they are (legacy files have clear comments).
        if (!EncryptedValue.LooksEncrypted(comment.Text) || EncryptedValue.TryParse(comment.Text, out _) is not { } encrypted)
        {
            return (SopsComment)comment.Clone();
        }

        var plaintext = cipher.Decrypt(encrypted, Aad(path));
        return plaintext is null ? (SopsComment)comment.Clone() : new SopsComment(Encoding.UTF8.GetString(plaintext), comment.Inline);
    }

    /// <summary>Encrypts a plaintext branch (unchanged values reuse their stashed IV, as sops does).</summary>
    public static SopsMapping EncryptBranch(SopsMapping branch, EncryptionRules rules, AesGcmValueCipher cipher) =>
        (SopsMapping)Map(branch, [], (s, p) => EncryptScalar(s, p, rules, cipher), (c, p) => EncryptComment(c, p, rules, cipher));

    /// <summary>
    /// Copies a tree, passing every scalar and comment through a function with its path (the mapping
    /// keys above it; comments get the path of the collection holding them).
    /// </summary>
    public static SopsNode Map(SopsNode node, List<string> path, Func<SopsScalar, List<string>, SopsScalar> scalar, Func<SopsComment, List<string>, SopsComment> comment)
    {
        switch (node)
        {
            case SopsMapping m:
                var mapping = new SopsMapping { Flow = m.Flow };
                foreach (var item in m.Items)
                {
                    if (item is SopsEntry entry)
                    {
                        path.Add(entry.Key);
                        mapping.Items.Add(new SopsEntry(entry.Key, Map(entry.Value, path, scalar, comment)));
                        path.RemoveAt(path.Count - 1);
                    }
                    else
                    {
                        mapping.Items.Add(comment((SopsComment)item, path));
                    }
                }

                return mapping;
            case SopsSequence s:
                var sequence = new SopsSequence { Flow = s.Flow };
                foreach (var item in s.Items)
                {
                    sequence.Items.Add(item is SopsComment c ? comment(c, path) : Map(item, path, scalar, comment));
                }

                return sequence;
            case SopsScalar leaf:
                return scalar(leaf, path);
            default:
                return node.Clone();
        }
    }

    public static SopsScalar EncryptScalar(SopsScalar scalar, IReadOnlyList<string> path, EncryptionRules rules, AesGcmValueCipher cipher, bool freshIv = false)
    {
        if (scalar.Kind == ScalarKind.Null || !rules.ShouldEncrypt(path))
        {
            return (SopsScalar)scalar.Clone();
        }

        var bytes = ValueCodec.ToBytes(scalar);
        if (bytes.Length == 0 && scalar.Kind is ScalarKind.String or ScalarKind.Bytes)
        {
            return SopsScalar.Of("");
        }

        return SopsScalar.Of(cipher.Encrypt(bytes, ValueCodec.TypeName(scalar.Kind), Aad(path), freshIv).Format());
    }

    public static SopsComment EncryptComment(SopsComment comment, IReadOnlyList<string> path, EncryptionRules rules, AesGcmValueCipher cipher, bool freshIv = false)
    {
        if (comment.Text.Length == 0 || !rules.ShouldEncrypt(path))
        {
            return (SopsComment)comment.Clone();
        }

        return new SopsComment(cipher.Encrypt(Encoding.UTF8.GetBytes(comment.Text), "comment", Aad(path), freshIv).Format(), comment.Inline);
    }
}
