using System.Globalization;

namespace CiSecrets.Sops;

/// <summary>
/// Reads the metadata block from its tree form and writes it back in sops 3.13 order (keys sorted
/// alphabetically at every level). https://github.com/getsops/sops/blob/main/stores/stores.go and
/// stores/metadata.go
/// </summary>
internal static class MetadataCodec
{
    public static SopsMetadata Read(SopsMapping node, string subject)
    {
        string? Text(string name)
        {
            var value = node.Find(name)?.Value;
            return value switch
            {
                null => null,
                SopsScalar { Kind: ScalarKind.Null } => null,
                SopsScalar { Kind: ScalarKind.Time } s => GoFormat.FormatTime((DateTimeOffset)s.Value!, s.ExtraNanoseconds),
                SopsScalar s => ScalarText(s),
                _ => throw new InputException(subject, $"sops metadata field '{name}' must be a scalar"),
            };
        }

        var lastModifiedText = Text("lastmodified");
        if (string.IsNullOrEmpty(lastModifiedText))
        {
            throw new InputException(subject, "sops metadata has no lastmodified");
        }

        if (!GoFormat.TryParseRfc3339(lastModifiedText, out var lastModified, out _))
        {
            throw new InputException(subject, $"sops metadata lastmodified '{lastModifiedText}' is not an RFC 3339 time");
        }

        var rules = EncryptionRules.Read(Text, subject);

        var threshold = 0;
        if (Text("shamir_threshold") is { Length: > 0 } t && !int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out threshold))
        {
            throw new InputException(subject, "sops metadata shamir_threshold is not an integer");
        }

        var topGroup = ReadGroup(node, subject);
        var groups = new List<SopsKeyGroup>();
        if (topGroup.Keys.Count > 0)
        {
            groups.Add(topGroup);
        }
        else if (node.Find("key_groups")?.Value is SopsSequence keyGroups)
        {
            foreach (var item in keyGroups.Items.Where(i => i is not SopsComment))
            {
                groups.Add(item is SopsMapping m2 ? ReadGroup(m2, subject) : throw new InputException(subject, "sops metadata key_groups entries must be mappings"));
            }
        }

        if (groups.Count == 0 || groups.All(g => g.Keys.Count == 0))
        {
            throw new InputException(subject, "sops metadata has no master keys (no age, pgp, kms, gcp_kms, azure_kv, hc_vault or key_groups entry)");
        }

        return new SopsMetadata
        {
            KeyGroups = groups,
            ShamirThreshold = threshold,
            LastModified = lastModified,
            Mac = Text("mac") ?? "",
            Version = Text("version") ?? "",
            Rules = rules,
        };
    }

    private static SopsKeyGroup ReadGroup(SopsMapping node, string subject)
    {
        var keys = new List<SopsMasterKey>();
        foreach (var type in MasterKeyTypes.All)
        {
            switch (node.Find(type)?.Value)
            {
                case null or SopsScalar { Kind: ScalarKind.Null }:
                    break;
                case SopsSequence list:
                    foreach (var item in list.Items.Where(i => i is not SopsComment))
                    {
                        if (item is not SopsMapping entry)
                        {
                            throw new InputException(subject, $"sops metadata '{type}' entries must be mappings");
                        }

                        keys.Add(new SopsMasterKey(type, [.. entry.Entries.Select(e => new KeyValuePair<string, SopsNode>(e.Key, e.Value))]));
                    }

                    break;
                default:
                    throw new InputException(subject, $"sops metadata '{type}' must be a list");
            }
        }

        return new SopsKeyGroup(keys);
    }

    private static string ScalarText(SopsScalar scalar) => scalar.Value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => GoFormat.FormatFloatG(d),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => "",
    };

    /// <summary>The metadata as a mapping, keys sorted as sops 3.13 writes them.</summary>
    public static SopsMapping Write(SopsMetadata metadata)
    {
        var entries = new List<KeyValuePair<string, SopsNode>>();
        if (metadata.KeyGroups.Count == 1)
        {
            entries.AddRange(GroupEntries(metadata.KeyGroups[0], false));
        }
        else
        {
            var groups = new SopsSequence();
            foreach (var group in metadata.KeyGroups)
            {
                var mapping = new SopsMapping();
                foreach (var (key, value) in GroupEntries(group, true).OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    mapping.Add(key, value);
                }

                groups.Items.Add(mapping);
            }

            entries.Add(new("key_groups", groups));
        }

        entries.Add(new("lastmodified", SopsScalar.Of(metadata.LastModifiedAad)));
        entries.Add(new("mac", SopsScalar.Of(metadata.Mac)));
        if (metadata.Rules.MacOnlyEncrypted)
        {
            entries.Add(new("mac_only_encrypted", SopsScalar.Of(true)));
        }

        if (metadata.ShamirThreshold > 0 && metadata.KeyGroups.Count > 1)
        {
            entries.Add(new("shamir_threshold", SopsScalar.Of((long)metadata.ShamirThreshold)));
        }

        void Rule(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                entries.Add(new(name, SopsScalar.Of(value)));
            }
        }

        Rule("unencrypted_suffix", metadata.Rules.UnencryptedSuffix);
        Rule("encrypted_suffix", metadata.Rules.EncryptedSuffix);
        Rule("unencrypted_regex", metadata.Rules.UnencryptedRegex);
        Rule("encrypted_regex", metadata.Rules.EncryptedRegex);
        Rule("unencrypted_comment_regex", metadata.Rules.UnencryptedCommentRegex);
        Rule("encrypted_comment_regex", metadata.Rules.EncryptedCommentRegex);
        entries.Add(new("version", SopsScalar.Of(metadata.Version)));

        var result = new SopsMapping();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            result.Add(key, value);
        }

        return result;
    }

    private static IEnumerable<KeyValuePair<string, SopsNode>> GroupEntries(SopsKeyGroup group, bool inKeyGroups)
    {
        foreach (var type in MasterKeyTypes.All)
        {
            var keys = group.Keys.Where(k => k.Type == type).ToList();
            // In key_groups, sops' struct has no omitempty on age and hc_vault.
            if (keys.Count == 0 && !(inKeyGroups && type is MasterKeyTypes.Age or MasterKeyTypes.HashiCorpVault))
            {
                continue;
            }

            var list = new SopsSequence();
            foreach (var key in keys)
            {
                var mapping = new SopsMapping();
                foreach (var (name, value) in key.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    mapping.Add(name, value.Clone());
                }

                list.Items.Add(mapping);
            }

            yield return new(type, list);
        }
    }
}
