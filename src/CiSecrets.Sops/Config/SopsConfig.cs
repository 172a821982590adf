using System.Text.RegularExpressions;

namespace CiSecrets.Sops;

/// <summary>
/// A <c>.sops.yaml</c>: its creation rules, first match wins.
/// https://github.com/getsops/sops/blob/main/config/config.go
/// </summary>
public sealed class SopsConfig
{
    public const string FileName = ".sops.yaml";

    private SopsConfig(string path, IReadOnlyList<SopsCreationRule> rules)
    {
        Path = path;
        CreationRules = rules;
    }

    /// <summary>The config file.</summary>
    public string Path { get; }

    /// <summary>The folder paths are matched relative to.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";

    public IReadOnlyList<SopsCreationRule> CreationRules { get; }

    /// <summary>Finds <c>.sops.yaml</c> in <paramref name="startDirectory"/> or up to 100 parents (sops looks from the working directory).</summary>
    public static SopsConfig? Find(string startDirectory)
    {
        var directory = new DirectoryInfo(startDirectory);
        for (var i = 0; i <= 100 && directory is not null; i++, directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, FileName);
            if (File.Exists(candidate))
            {
                return Load(candidate);
            }
        }

        return null;
    }

    public static SopsConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, "file not found");
        }

        return Parse(BoundedFile.ReadAllText(path, SopsFile.MaxFileBytes), path);
    }

    public static SopsConfig Parse(string text, string subject)
    {
        text = Utf8Text.WithoutByteOrderMark(text);
        var rules = new List<SopsCreationRule>();
        if (text.Trim().Length == 0)
        {
            return new SopsConfig(subject, rules);
        }

        var document = new YamlStore().Parse(text, subject);
        var root = document.Branches.FirstOrDefault() ?? new SopsMapping();
        switch (root.Find("creation_rules")?.Value)
        {
            case null or SopsScalar { Kind: ScalarKind.Null }:
                break;
            case SopsSequence list:
                var index = 0;
                foreach (var item in list.Items.Where(i => i is not SopsComment))
                {
                    rules.Add(item is SopsMapping m ? ParseRule(m, $"{subject} (creation_rules[{index}])") : throw new InputException(subject, $"creation_rules[{index}] is not a mapping"));
                    index++;
                }

                break;
            default:
                throw new InputException(subject, "creation_rules must be a list");
        }

        return new SopsConfig(subject, rules);
    }

    /// <summary>The first rule whose path_regex matches <paramref name="filePath"/> (made relative to the config's folder); null when none does.</summary>
    public SopsCreationRule? FindRule(string filePath)
    {
        var absolute = System.IO.Path.GetFullPath(filePath, Directory);
        var prefix = Directory.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        var relative = absolute.StartsWith(prefix, StringComparison.Ordinal) ? absolute[prefix.Length..] : absolute;
        relative = relative.Replace('\\', '/');
        foreach (var rule in CreationRules)
        {
            if (string.IsNullOrEmpty(rule.PathRegex) || Re2Pattern.IsMatch(relative, rule.PathRegex))
            {
                return rule;
            }
        }

        return null;
    }

    private static SopsCreationRule ParseRule(SopsMapping rule, string subject)
    {
        string? Text(string name) => rule.Find(name)?.Value is SopsScalar { Kind: not ScalarKind.Null } s ? DotenvStore.ScalarText(s) : null;

        var pathRegex = Text("path_regex");
        if (pathRegex is not null)
        {
            Re2Pattern.Validate(pathRegex, subject, "path_regex");
        }

        var rules = EncryptionRules.Read(Text, subject);

        var threshold = Text("shamir_threshold") is { } t && int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        var groups = new List<SopsKeyGroup>();
        if (rule.Find("key_groups")?.Value is SopsSequence { Items.Count: > 0 } keyGroups)
        {
            foreach (var item in keyGroups.Items.Where(i => i is not SopsComment))
            {
                groups.Add(new SopsKeyGroup(item is SopsMapping g ? GroupKeys(g, subject) : throw new InputException(subject, "key_groups entries must be mappings")));
            }
        }
        else
        {
            var keys = new List<SopsMasterKey>();
            keys.AddRange(List(rule, "age").Select(r => SopsMasterKey.Age(r, "")));
            keys.AddRange(List(rule, "pgp").Select(Pgp));
            keys.AddRange(List(rule, "kms").Select(Kms));
            keys.AddRange(List(rule, "gcp_kms").Select(r => Key(MasterKeyTypes.GcpKms, ("resource_id", r))));
            keys.AddRange(List(rule, "azure_keyvault").Select(AzureFromUrl));
            keys.AddRange(List(rule, "hc_vault_transit_uri").Select(Vault));
            groups.Add(new SopsKeyGroup(keys));
        }

        return new SopsCreationRule { PathRegex = pathRegex, KeyGroups = groups, ShamirThreshold = threshold, Rules = rules };
    }

    private static List<SopsMasterKey> GroupKeys(SopsMapping group, string subject)
    {
        var keys = new List<SopsMasterKey>();
        keys.AddRange(List(group, "age").Select(r => SopsMasterKey.Age(r, "")));
        keys.AddRange(List(group, "pgp").Select(Pgp));
        foreach (var entry in Mappings(group, "kms"))
        {
            keys.Add(Key(MasterKeyTypes.Kms, ("arn", Field(entry, "arn")), ("role", Field(entry, "role")), ("aws_profile", Field(entry, "aws_profile"))));
        }

        foreach (var entry in Mappings(group, "gcp_kms"))
        {
            keys.Add(Key(MasterKeyTypes.GcpKms, ("resource_id", Field(entry, "resource_id"))));
        }

        foreach (var entry in Mappings(group, "azure_keyvault"))
        {
            keys.Add(Key(MasterKeyTypes.AzureKeyVault, ("vault_url", Field(entry, "vaultUrl")), ("name", Field(entry, "key")), ("version", Field(entry, "version"))));
        }

        keys.AddRange(List(group, "hc_vault").Select(Vault));
        foreach (var entry in Mappings(group, "hckms"))
        {
            keys.Add(Key(MasterKeyTypes.HuaweiKms, ("key_id", Field(entry, "key_id"))));
        }

        if (group.Find("merge")?.Value is SopsSequence merge)
        {
            foreach (var nested in merge.Items.OfType<SopsMapping>())
            {
                keys.AddRange(GroupKeys(nested, subject));
            }
        }

        // sops removes duplicates (same type and identifier).
        return [.. keys.DistinctBy(k => k.ToString())];
    }

    /// <summary>A key list written as a YAML list of strings or a comma-separated (possibly folded) string.</summary>
    private static List<string> List(SopsMapping mapping, string name) => mapping.Find(name)?.Value switch
    {
        SopsScalar { Value: string s } => [.. s.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0)],
        SopsSequence list => [.. list.Items.OfType<SopsScalar>().Select(DotenvStore.ScalarText).Select(x => x.Trim()).Where(x => x.Length > 0)],
        _ => [],
    };

    private static IEnumerable<SopsMapping> Mappings(SopsMapping mapping, string name) =>
        mapping.Find(name)?.Value is SopsSequence list ? list.Items.OfType<SopsMapping>() : [];

    private static string? Field(SopsMapping mapping, string name) =>
        mapping.Find(name)?.Value is SopsScalar { Kind: not ScalarKind.Null } s ? DotenvStore.ScalarText(s) : null;

    private static SopsMasterKey Key(string type, params (string Name, string? Value)[] fields) =>
        new(type, [.. fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, SopsNode>(f.Name, SopsScalar.Of(f.Value!)))]);

    private static SopsMasterKey Pgp(string fingerprint) => Key(MasterKeyTypes.Pgp, ("fp", fingerprint.Replace(" ", "", StringComparison.Ordinal)));

    private static SopsMasterKey Kms(string arn)
    {
        // "arn+role" as sops accepts it on the command line and in flat rules.
        var plus = arn.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? Key(MasterKeyTypes.Kms, ("arn", arn)) : Key(MasterKeyTypes.Kms, ("arn", arn[..plus]), ("role", arn[(plus + 1)..]));
    }

    private static SopsMasterKey AzureFromUrl(string url)
    {
        // https://vault.vault.azure.net/keys/name/version
        var match = Regex.Match(url, "^(?<vault>https://[^/]+)/keys/(?<name>[^/]+)/(?<version>[^/]*)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success
            ? Key(MasterKeyTypes.AzureKeyVault, ("vault_url", match.Groups["vault"].Value), ("name", match.Groups["name"].Value), ("version", match.Groups["version"].Value))
            : Key(MasterKeyTypes.AzureKeyVault, ("vault_url", url));
    }

    private static SopsMasterKey Vault(string uri)
    {
        // https://vault:8200/v1/transit/keys/name
        var match = Regex.Match(uri, "^(?<address>https?://[^/]+)/v1/(?<engine>.+)/keys/(?<name>[^/]+)/?$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success
            ? Key(MasterKeyTypes.HashiCorpVault, ("vault_address", match.Groups["address"].Value), ("engine_path", match.Groups["engine"].Value), ("key_name", match.Groups["name"].Value))
            : Key(MasterKeyTypes.HashiCorpVault, ("vault_address", uri));
    }

    public override string ToString() => $"SopsConfig({Path}, {CreationRules.Count} creation rules)";
}
