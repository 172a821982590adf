using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiSecrets.Scanning.Configuration;

/// <summary>
/// Reads the <c>scan:</c> section of <c>.cisecrets.yaml</c>:
/// <code>
/// scan:
///   max-file-size: 10MB
///   disabled-rules: [jwt]
///   allowlist:
///     paths: ["docs/**", "**/testdata/**"]
///     regexes: ["^dummy-"]
///     stopwords: ["example"]
///     commits: ["0123abcd"]
///   rules:
///     - id: acme-token
///       description: ACME internal token
///       regex: 'acme_(?&lt;secret&gt;[a-z0-9]{32})'
///       keywords: [acme_]
///       entropy: 3.5
///       path: '\.cfg$'
/// </code>
/// Other top-level sections (the secrets inventory, gates) belong to other capabilities and are left to them.
/// </summary>
public static class ScanConfigurationFile
{
    public const string DefaultFileName = ".cisecrets.yaml";

    public static ScanSettings Apply(string file, ScanSettings settings)
    {
        YamlStream stream = [];
        try
        {
            // A pull request can commit this file: bounded in size, then in nesting and alias expansion as the tree loads.
            var text = BoundedFile.ReadAllText(file, BoundedFile.MaxConfigurationBytes);
            stream.Load(YamlBounds.Parser(text, file));
        }
        catch (YamlException e)
        {
            throw new InputException(file, $"line {e.Start.Line}: malformed YAML: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new InputException(file, $"cannot be read: {e.Message}", e);
        }

        if (stream.Documents.Count == 0)
        {
            return settings;
        }

        var nodes = new YamlNodes(file);
        var root = nodes.Mapping(stream.Documents[0].RootNode, "the configuration");
        return root.Children.TryGetValue(new YamlScalarNode("scan"), out var scan)
            ? ApplyScan(nodes, nodes.Mapping(scan, "scan"), settings)
            : settings;
    }

    private static ScanSettings ApplyScan(YamlNodes nodes, YamlMappingNode scan, ScanSettings settings)
    {
        var rules = settings.Rules.ToList();
        foreach (var (key, value) in nodes.Entries(scan, "scan", "max-file-size", "disabled-rules", "allowlist", "rules"))
        {
            switch (key)
            {
                case "max-file-size":
                    settings = settings with { MaxFileSize = nodes.Size(value, "scan.max-file-size") };
                    break;
                case "disabled-rules":
                    var disabled = nodes.Strings(value, "scan.disabled-rules");
                    foreach (var id in disabled.Where(id => rules.All(rule => rule.Id != id)))
                    {
                        throw nodes.Error(value, $"scan.disabled-rules names an unknown rule '{id}'");
                    }

                    rules.RemoveAll(rule => disabled.Contains(rule.Id));
                    break;
                case "allowlist":
                    settings = settings with { Allowlist = settings.Allowlist.Merge(Allowlist(nodes, nodes.Mapping(value, "scan.allowlist"))) };
                    break;
                case "rules":
                    rules.AddRange(Rules(nodes, value, rules));
                    break;
            }
        }

        return settings with { Rules = rules };
    }

    private static ScanAllowlist Allowlist(YamlNodes nodes, YamlMappingNode mapping)
    {
        var allowlist = new ScanAllowlist();
        foreach (var (key, value) in nodes.Entries(mapping, "scan.allowlist", "paths", "regexes", "stopwords", "commits"))
        {
            var items = nodes.Strings(value, $"scan.allowlist.{key}");
            allowlist = key switch
            {
                "paths" => allowlist with { Paths = [.. items.Select(Glob.Parse)] },
                "regexes" => allowlist with { Regexes = [.. items.Select(r => CustomRule.Compile(nodes.File, r))] },
                "stopwords" => allowlist with { Stopwords = [.. items.Select(w => w.ToLowerInvariant())] },
                _ => allowlist with { Commits = items },
            };
        }

        return allowlist;
    }

    private static IEnumerable<Rule> Rules(YamlNodes nodes, YamlNode value, List<Rule> existing)
    {
        if (value is not YamlSequenceNode sequence)
        {
            throw nodes.Error(value, "scan.rules must be a list of rules");
        }

        var ids = existing.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            string? id = null, description = null, regex = null, path = null;
            IReadOnlyList<string> keywords = [];
            double entropy = 0;
            foreach (var (key, field) in nodes.Entries(nodes.Mapping(item, "a rule"), "a scan rule", "id", "description", "regex", "keywords", "entropy", "path"))
            {
                switch (key)
                {
                    case "id": id = nodes.String(field, "rule id"); break;
                    case "description": description = nodes.String(field, "rule description"); break;
                    case "regex": regex = nodes.String(field, "rule regex"); break;
                    case "keywords": keywords = nodes.Strings(field, "rule keywords"); break;
                    case "entropy": entropy = nodes.Number(field, "rule entropy"); break;
                    case "path": path = nodes.String(field, "rule path"); break;
                }
            }

            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(regex))
            {
                throw nodes.Error(item, "a scan rule needs an id and a regex");
            }

            if (!ids.Add(id))
            {
                throw nodes.Error(item, $"duplicate rule id '{id}'");
            }

            yield return CustomRule.Create(nodes.File, id, description, regex, keywords, entropy, null, path);
        }
    }
}
