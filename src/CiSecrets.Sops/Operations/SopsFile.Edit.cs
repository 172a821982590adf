using System.Security.Cryptography;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

public sealed partial class SopsFile
{
    /// <summary>
    /// Sets values (what <c>sops set</c> does) keeping the data key: each changed value gets a fresh IV,
    /// the MAC and lastmodified are recomputed, and every other byte of the file stays as it was. A path
    /// that does not exist yet is added to its parent mapping (then the file is rewritten in sops' layout,
    /// unchanged values keeping their ciphertext). Returns the new file text.
    /// </summary>
    public string SetValues(IReadOnlyList<AgeIdentity> identities, IReadOnlyList<KeyValuePair<SopsPath, SopsScalar>> changes, DateTimeOffset now) =>
        SetValues(Decrypt(identities), changes, now);

    /// <summary>Sets values on an already decrypted (and verified) file.</summary>
    public string SetValues(SopsDecryptedFile decrypted, IReadOnlyList<KeyValuePair<SopsPath, SopsScalar>> changes, DateTimeOffset now) =>
        SetValues(decrypted, [.. changes.Select(c => new SopsValueChange(0, c.Key, c.Value))], now);

    /// <summary>
    /// Sets values in any document of the file (a multi-document YAML file of Kubernetes Secret
    /// manifests keeps one Secret per document); otherwise the same as the path-only overload.
    /// </summary>
    public string SetValues(SopsDecryptedFile decrypted, IReadOnlyList<SopsValueChange> changes, DateTimeOffset now)
    {
        var metadata = RequireMetadata();
        if (decrypted.MacStatus != MacStatus.Verified)
        {
            throw new SopsException(SopsErrorKind.MacMismatch, Subject, "refusing to edit a file whose MAC was not verified");
        }

        var rules = metadata.EffectiveRules;
        var cipher = decrypted.Cipher;
        var plain = decrypted.Branches.Select(b => (SopsMapping)b.Clone()).ToList();
        var edits = new List<TextEdit>();
        var rewrite = false;
        foreach (var (document, path, value) in changes)
        {
            if (document < 0 || document >= plain.Count)
            {
                throw new SopsException(SopsErrorKind.Unsupported, Subject, $"the file has no document {document}", path.ToString());
            }

            if (value.Kind is not (ScalarKind.Null or ScalarKind.String or ScalarKind.Int or ScalarKind.Float or ScalarKind.Bool or ScalarKind.Time or ScalarKind.Bytes))
            {
                throw new ArgumentException("unsupported value", nameof(changes));
            }

            var keys = path.Keys;
            var encryptedTarget = SopsDecryptedFile.Navigate(Document.Branches[document], path) as SopsScalar;
            var plainParent = path.Segments.Count > 1 ? SopsDecryptedFile.Navigate(plain[document], new SopsPath(path.Segments.Take(path.Segments.Count - 1).ToList())) : plain[document];
            var last = path.Segments[^1];
            if (encryptedTarget is { Span: not null, Block: false } && SopsDecryptedFile.Navigate(plain[document], path) is SopsScalar)
            {
                var encryptedValue = TreeCrypto.EncryptScalar(value, keys, rules, cipher, freshIv: true);
                if (Format == SopsFormat.Dotenv && encryptedValue.Kind != ScalarKind.String)
                {
                    throw new InputException(Subject, "dotenv values are strings");
                }

                edits.Add(new TextEdit(encryptedTarget.Span!.Value, Store.RenderScalar(encryptedTarget, encryptedValue)));
                Replace(plainParent!, last, value);
            }
            else if (plainParent is SopsMapping parent && last is string key && parent.Find(key) is null)
            {
                parent.Add(key, value);
                rewrite = true;
            }
            else if (plainParent is not null && SopsDecryptedFile.Navigate(plain[document], path) is SopsScalar)
            {
                // A value written as a block scalar or coming from a YAML alias: rewrite the file.
                Replace(plainParent, last, value);
                rewrite = true;
            }
            else
            {
                throw new SopsException(SopsErrorKind.Unsupported, Subject, "the path does not name a value that can be set", path.ToString());
            }
        }

        var (updated, macEdits) = NewMac(metadata, plain, cipher, now);
        if (rewrite)
        {
            var encrypted = plain.Select(b => TreeCrypto.EncryptBranch(b, rules, cipher)).ToList();
            return Store.Emit(encrypted, MetadataCodec.Write(updated));
        }

        edits.AddRange(macEdits);
        return TextEdit.Apply(Document.Text, edits);
    }

    private static void Replace(SopsNode parent, object last, SopsScalar value)
    {
        switch (parent, last)
        {
            case (SopsMapping m, string key):
                m.Find(key)!.Value = value;
                break;
            case (SopsSequence s, int index):
                var position = s.Items.Select((item, i) => (item, i)).Where(x => x.item is not SopsComment).ElementAt(index).i;
                s.Items[position] = value;
                break;
        }
    }

    /// <summary>A new lastmodified and MAC for <paramref name="plain"/>, and the edits that write them into every document's metadata.</summary>
    private (SopsMetadata Metadata, List<TextEdit> Edits) NewMac(SopsMetadata metadata, IEnumerable<SopsMapping> plain, AesGcmValueCipher cipher, DateTimeOffset now)
    {
        var lastModified = SopsMetadata.TruncateToSeconds(now.ToUniversalTime());
        var mac = TreeCrypto.ComputeMac(plain, metadata.EffectiveRules);
        var updated = metadata with { LastModified = lastModified };
        var encryptedMac = cipher.Encrypt(DataKeys.Ascii(mac), "str", updated.LastModifiedAad, freshIv: true).Format();
        updated = updated with { Mac = encryptedMac };
        var edits = new List<TextEdit>();
        foreach (var (field, scalar) in Document.MetadataScalars)
        {
            var replacement = field switch
            {
                "lastmodified" => updated.LastModifiedAad,
                "mac" => encryptedMac,
                _ => null,
            };
            if (replacement is not null)
            {
                edits.Add(new TextEdit(scalar.Span!.Value, Store.RenderScalar(scalar, SopsScalar.Of(replacement))));
            }
        }

        if (!Document.MetadataScalars.Any(f => f.Key == "mac") || !Document.MetadataScalars.Any(f => f.Key == "lastmodified"))
        {
            // No field to splice into: regenerate the metadata block.
            edits.Clear();
            edits.AddRange(Store.ReplaceMetadata(Document, MetadataCodec.Write(updated)));
        }

        return (updated, edits);
    }

    /// <summary>
    /// What <c>sops rotate</c> does: a new random data key, every master key re-wrapped (age recipients
    /// added to the first group, keys removed by identifier), every value re-encrypted, a new MAC and
    /// lastmodified. Values keep their place in the file; the metadata block is rewritten.
    /// </summary>
    /// <remarks>
    /// A master key's <c>recipient</c> field is not authenticated: whoever can commit may swap it for their own
    /// key while leaving <c>enc</c> (which still opens for the team). Rotation re-wraps for the recipient fields, so
    /// unless <paramref name="force"/> it is refused when the identities that opened the file could not open it afterwards.
    /// </remarks>
    public string Rotate(IReadOnlyList<AgeIdentity> identities, DateTimeOffset now, IEnumerable<AgeRecipient>? addAge = null, IEnumerable<string>? remove = null, bool force = false)
    {
        var metadata = RequireMetadata();
        var decrypted = Decrypt(identities);
        var groups = metadata.KeyGroups.Select(g => g.Keys.ToList()).ToList();
        foreach (var recipient in addAge ?? [])
        {
            if (!groups.SelectMany(g => g).Any(k => k.Type == MasterKeyTypes.Age && k.Identifier == recipient.Text))
            {
                groups[0].Add(SopsMasterKey.Age(recipient.Text, ""));
            }
        }

        var removed = new HashSet<string>(remove ?? [], StringComparer.Ordinal);
        groups = [.. groups.Select(g => g.Where(k => !removed.Contains(k.Identifier)).ToList())];
        if (groups.Any(g => g.Count == 0))
        {
            throw new SopsException(SopsErrorKind.Unsupported, Subject, "rotation would leave a key group without keys");
        }

        if (!force && !Opens(groups, identities, metadata.ShamirThreshold))
        {
            throw new SopsException(SopsErrorKind.Unsupported, Subject,
                "after rotation the key that opened the file could no longer open it (its recipient is not among the file's recipients; was a recipient field changed?); use --force to rotate anyway");
        }

        var newKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = DataKeys.Wrap(newKey, [.. groups.Select(g => new SopsKeyGroup(g))], metadata.ShamirThreshold, Subject);
        var cipher = new AesGcmValueCipher(newKey);
        var rules = metadata.EffectiveRules;
        var edits = new List<TextEdit>();
        for (var i = 0; i < Document.Branches.Count; i++)
        {
            ReEncrypt(Document.Branches[i], decrypted.Branches[i], [], rules, cipher, edits);
        }

        var (updated, _) = NewMac(metadata with { KeyGroups = wrapped }, decrypted.Branches, cipher, now);
        edits.AddRange(Store.ReplaceMetadata(Document, MetadataCodec.Write(updated)));
        return TextEdit.Apply(Document.Text, edits);
    }

    /// <summary>Whether <paramref name="identities"/> are recipients of enough key groups to recover a key wrapped for <paramref name="groups"/>.</summary>
    private static bool Opens(List<List<SopsMasterKey>> groups, IReadOnlyList<AgeIdentity> identities, int threshold)
    {
        var recipients = identities.Select(i => i.Recipient.Text).ToHashSet(StringComparer.Ordinal);
        var openable = groups.Count(g => g.Any(k => k.Type == MasterKeyTypes.Age && recipients.Contains(k.Identifier)));
        var needed = groups.Count <= 1 ? 1 : threshold > 0 ? threshold : groups.Count;
        return openable >= needed;
    }

    /// <summary>Walks the encrypted and the plaintext tree side by side and re-encrypts every encrypted value and comment in place.</summary>
    private void ReEncrypt(SopsNode encrypted, SopsNode plain, List<string> path, EncryptionRules rules, AesGcmValueCipher cipher, List<TextEdit> edits)
    {
        switch (encrypted, plain)
        {
            case (SopsMapping e, SopsMapping p):
                for (var i = 0; i < e.Items.Count; i++)
                {
                    if (e.Items[i] is SopsEntry ee && p.Items[i] is SopsEntry pe)
                    {
                        path.Add(ee.Key);
                        ReEncrypt(ee.Value, pe.Value, path, rules, cipher, edits);
                        path.RemoveAt(path.Count - 1);
                    }
                    else
                    {
                        ReEncrypt(e.Items[i], p.Items[i], path, rules, cipher, edits);
                    }
                }

                break;
            case (SopsSequence e, SopsSequence p):
                for (var i = 0; i < e.Items.Count; i++)
                {
                    ReEncrypt(e.Items[i], p.Items[i], path, rules, cipher, edits);
                }

                break;
            case (SopsScalar e, SopsScalar p) when e.Kind == ScalarKind.String && EncryptedValue.LooksEncrypted((string)e.Value!):
                if (e.Span is null)
                {
                    throw new SopsException(SopsErrorKind.Unsupported, Subject, "a value comes from a YAML alias and cannot be rewritten in place", TreeCrypto.PathText(path));
                }

                edits.Add(new TextEdit(e.Span.Value, Store.RenderScalar(e, TreeCrypto.EncryptScalar(p, path, rules, cipher, freshIv: true))));
                break;
            case (SopsComment e, SopsComment p) when e.Text != p.Text && e.Span is { } span:
                edits.Add(new TextEdit(span, TreeCrypto.EncryptComment(p, path, rules, cipher, freshIv: true).Text));
                break;
        }
    }

    /// <summary>
    /// What <c>sops updatekeys</c> does: when the file's key groups differ from <paramref name="desired"/>,
    /// re-wrap the existing data key for the desired keys. Values, lastmodified and MAC are unchanged (the
    /// MAC is not verified). Returns null when nothing changes.
    /// </summary>
    public string? UpdateKeys(IReadOnlyList<AgeIdentity> identities, IReadOnlyList<SopsKeyGroup> desired, int? shamirThreshold = null)
    {
        var metadata = RequireMetadata();
        if (SameKeys(metadata.KeyGroups, desired))
        {
            return null;
        }

        if (desired.Count == 0 || desired.Any(g => g.Keys.Count == 0))
        {
            throw new SopsException(SopsErrorKind.Unsupported, Subject, "the desired key groups are empty");
        }

        var dataKey = DataKeys.Recover(metadata, identities, Subject);
        var threshold = Math.Min(shamirThreshold ?? metadata.ShamirThreshold, desired.Count);
        var singleGroupBefore = metadata.KeyGroups.Count == 1 && desired.Count == 1;
        var wrapped = DataKeys.Wrap(dataKey, desired, threshold, Subject, (key, group) =>
            singleGroupBefore ? metadata.KeyGroups[0].Keys.FirstOrDefault(k => k.Type == key.Type && k.Identifier == key.Identifier) : null);
        var updated = metadata with { KeyGroups = wrapped, ShamirThreshold = desired.Count > 1 ? threshold : 0 };
        return TextEdit.Apply(Document.Text, Store.ReplaceMetadata(Document, MetadataCodec.Write(updated)));
    }

    /// <summary>True when both have the same keys (type and identifier) in each group, in any order.</summary>
    public static bool SameKeys(IReadOnlyList<SopsKeyGroup> current, IReadOnlyList<SopsKeyGroup> desired) =>
        current.Count == desired.Count && current.Zip(desired).All(pair =>
            pair.First.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal).SetEquals(pair.Second.Keys.Select(k => k.ToString())));
}
