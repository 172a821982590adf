using System.Text.RegularExpressions;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;
using Tomlyn;
using Tomlyn.Model;

namespace CiSecrets.Scanning.Configuration;

/// <summary>
/// Imports a gitleaks TOML configuration (https://github.com/gitleaks/gitleaks#configuration) so a
/// team migrating keeps its rules and allowlists. Its rules are added to the built-in catalog
/// (a rule with a built-in id replaces the built-in one); <c>[extend] disabledRules</c> removes
/// built-in rules; rule allowlists (<c>[[rules.allowlists]]</c> or the older
/// <c>[rules.allowlist]</c>) and global ones (<c>[[allowlists]]</c> or <c>[allowlist]</c>) apply
/// their regexes and stopwords to the secret, and their paths to the file path. Path-only rules
/// (no regex) are not supported and are reported as such.
/// </summary>
public static class GitleaksConfigFile
{
    public static ScanSettings Apply(string file, ScanSettings settings, ICollection<string> notices)
    {
        TomlTable root;
        try
        {
            root = (TomlTable?)TomlSerializer.Deserialize(File.ReadAllText(file), typeof(TomlTable), (TomlSerializerOptions?)null)
                ?? throw new InputException(file, "empty gitleaks configuration");
        }
        catch (TomlException e)
        {
            throw new InputException(file, $"malformed TOML: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch (FileNotFoundException e)
        {
            throw new InputException(file, "gitleaks configuration not found", e);
        }

        var rules = settings.Rules.ToList();
        if (root.TryGetValue("extend", out var extend) && extend is TomlTable extendTable)
        {
            var disabled = Strings(extendTable, "disabledRules");
            rules.RemoveAll(rule => disabled.Contains(rule.Id));
        }

        var targeted = new List<(IReadOnlyList<string> Rules, ScanAllowlist Allowlist)>();
        var allowlist = settings.Allowlist;
        foreach (var table in Tables(root, "allowlist", "allowlists"))
        {
            var parsed = Allowlist(file, table);
            var targets = Strings(table, "targetRules");
            if (targets.Count > 0)
            {
                targeted.Add((targets, parsed));
            }
            else
            {
                allowlist = allowlist.Merge(parsed);
            }
        }

        foreach (var table in Tables(root, "rules", "rules"))
        {
            var id = String(table, "id") ?? throw new InputException(file, "a [[rules]] entry has no id");
            var regex = String(table, "regex");
            if (regex is null)
            {
                notices.Add($"{file}: gitleaks rule {id} matches paths only; path-only rules are not imported");
                continue;
            }

            var rule = CustomRule.Create(file, id, String(table, "description"), regex, Strings(table, "keywords"),
                Number(table, "entropy"), (int?)(long?)Number(table, "secretGroup"), String(table, "path"));
            var ruleAllowlists = Tables(table, "allowlist", "allowlists")
                .Select(t => Allowlist(file, t))
                .Concat(targeted.Where(t => t.Rules.Contains(id)).Select(t => t.Allowlist))
                .ToList();
            rules.RemoveAll(existing => existing.Id == id);
            rules.Add(WithAllowlists(rule, ruleAllowlists));
        }

        return settings with { Rules = rules, Allowlist = allowlist };
    }

    private static Rule WithAllowlists(Rule rule, List<ScanAllowlist> allowlists)
    {
        if (allowlists.Count == 0)
        {
            return rule;
        }

        var paths = allowlists.SelectMany(a => a.PathRegexes).Select(r => r.ToString()).ToList();
        return rule with
        {
            Validator = secret => !allowlists.Any(a => a.AllowsSecret(secret)),
            ExcludedPathPattern = paths.Count == 0 ? null : new Regex(string.Join('|', paths.Select(p => $"(?:{p})")), RegexOptions.NonBacktracking),
        };
    }

    private static ScanAllowlist Allowlist(string file, TomlTable table) => new()
    {
        PathRegexes = [.. Strings(table, "paths").Select(p => CustomRule.Compile(file, p))],
        Regexes = [.. Strings(table, "regexes").Select(r => CustomRule.Compile(file, r))],
        Stopwords = [.. Strings(table, "stopwords").Select(w => w.ToLowerInvariant())],
        Commits = Strings(table, "commits"),
    };

    /// <summary>The tables under a single-table key (older gitleaks) and an array-of-tables key (newer).</summary>
    private static IEnumerable<TomlTable> Tables(TomlTable table, string single, string array)
    {
        if (table.TryGetValue(single, out var one) && one is TomlTable singleTable)
        {
            yield return singleTable;
        }

        if (table.TryGetValue(array, out var many) && many is TomlTableArray tables)
        {
            foreach (var item in tables)
            {
                yield return item;
            }
        }
    }

    private static string? String(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? value as string : null;

    private static double Number(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static IReadOnlyList<string> Strings(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is TomlArray array ? [.. array.OfType<string>()] : [];
}
