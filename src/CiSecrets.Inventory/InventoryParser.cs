using System.Text.RegularExpressions;
using CiSecrets.Sops;
using YamlDotNet.RepresentationModel;

namespace CiSecrets.Inventory;

/// <summary>Turns <c>.cisecrets.yaml</c> text into a <see cref="SecretsInventory"/>, checking every key, type and reference.</summary>
internal sealed partial class InventoryParser(string sourcePath)
{
    private static readonly string[] TopLevelKeys = ["bundle", "defaults", "secrets", "gates", "rotation", "scan"];
    private static readonly string[] DefaultsKeys = ["rotation-interval", "min-length"];
    private static readonly string[] SecretKeys =
        ["name", "kind", "generator", "bundle", "path", "kubernetes", "consumers", "rotation-interval", "min-length", "database"];
    private static readonly string[] GeneratorKeys = ["type", "bytes", "length", "alphabet"];
    private static readonly string[] KubernetesKeys = ["secret", "key", "namespace"];
    private static readonly string[] DatabaseKeys = ["engine", "user"];
    private static readonly string[] CheckKeys = ["check", "level", "when-skipped"];
    private static readonly string[] RotationKeys = ["branch-prefix", "labels", "reviewers", "team-reviewers", "author"];
    private static readonly string[] AuthorKeys = ["name", "email"];

    private readonly YamlFields _yaml = new(sourcePath);

    private string Root => Path.GetDirectoryName(sourcePath) ?? ".";

    // A name never starts with '-': it is passed on command lines (cisecrets rotate NAME), where '--due' is an option.
    [GeneratedRegex("^[A-Za-z0-9_.][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();

    public SecretsInventory Parse(string text)
    {
        var root = _yaml.ParseRoot(text);
        var inventory = new SecretsInventory { SourcePath = sourcePath };
        YamlNode? bundleNode = null;
        YamlNode? secretsNode = null;
        foreach (var (key, _, value) in _yaml.Entries(root, "the file", TopLevelKeys))
        {
            switch (key)
            {
                case "bundle":
                    bundleNode = value;
                    inventory = inventory with { Bundle = RelativePath(value, "bundle") };
                    break;
                case "defaults":
                    inventory = inventory with { Defaults = ParseDefaults(value) };
                    break;
                case "secrets":
                    secretsNode = value;
                    break;
                case "gates":
                    inventory = inventory with { Gates = ParseGates(value) };
                    break;
                case "rotation":
                    inventory = inventory with { Rotation = ParseRotation(value) };
                    break;
                default:
                    // scan: belongs to the scanner (ScanConfigurationFile); accepted here unread.
                    break;
            }
        }

        if (secretsNode is not null)
        {
            inventory = inventory with { Secrets = ParseSecrets(secretsNode, inventory, bundleNode) };
        }

        return inventory;
    }

    private InventoryDefaults ParseDefaults(YamlNode node)
    {
        var defaults = InventoryDefaults.Standard;
        if (YamlFields.IsNull(node))
        {
            return defaults;
        }

        foreach (var (key, _, value) in _yaml.Entries(_yaml.Mapping(node, "defaults"), "defaults", DefaultsKeys))
        {
            defaults = key == "rotation-interval"
                ? defaults with { RotationInterval = _yaml.Interval(value, "defaults.rotation-interval") }
                : defaults with { MinLength = _yaml.PositiveInt(value, "defaults.min-length") };
        }

        return defaults;
    }

    private List<ManagedSecret> ParseSecrets(YamlNode node, SecretsInventory inventory, YamlNode? bundleNode)
    {
        var secrets = new List<ManagedSecret>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var locations = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var item in _yaml.List(node, "secrets"))
        {
            var secret = ParseSecret(item, inventory, bundleNode);
            if (names.TryGetValue(secret.Name, out var firstLine))
            {
                throw _yaml.Error(item, $"duplicate secret name '{secret.Name}' (first at line {firstLine})");
            }

            names[secret.Name] = secret.Line;
            var location = secret.Path is { } path
                ? $"{secret.Bundle} {path}"
                : $"{secret.Bundle} {secret.Kubernetes!.Namespace}/{secret.Kubernetes.Secret}/{secret.Kubernetes.Key}";
            if (locations.TryGetValue(location, out var other))
            {
                throw _yaml.Error(item, $"secret '{secret.Name}' reads the same bundle value as '{other.Name}' (line {other.Line})");
            }

            locations[location] = (secret.Name, secret.Line);
            secrets.Add(secret);
        }

        return secrets;
    }

    private ManagedSecret ParseSecret(YamlNode node, SecretsInventory inventory, YamlNode? topBundleNode)
    {
        var mapping = _yaml.Mapping(node, "a secret");
        var fields = _yaml.Entries(mapping, "a secret", SecretKeys).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var name = fields.TryGetValue("name", out var nameNode)
            ? _yaml.String(nameNode, "name")
            : throw _yaml.Error(node, "a secret needs a name");
        if (!NamePattern().IsMatch(name))
        {
            throw _yaml.Error(nameNode, $"secret name '{name}' may contain only letters, digits, '_', '.' and '-', and cannot start with '-'");
        }

        var what = $"secret '{name}'";
        var kind = fields.TryGetValue("kind", out var kindNode)
            ? SecretKinds.TryParse(_yaml.String(kindNode, $"{what} kind"))
                ?? throw _yaml.Error(kindNode, $"{what}: unknown kind '{_yaml.String(kindNode, "kind")}' (expected one of: {string.Join(", ", SecretKinds.All)})")
            : throw _yaml.Error(node, $"{what} needs a kind ({string.Join(", ", SecretKinds.All)})");

        var generator = fields.TryGetValue("generator", out var generatorNode) && !YamlFields.IsNull(generatorNode)
            ? ParseGenerator(generatorNode, kind, what)
            : SecretGenerator.DefaultFor(kind) ?? throw _yaml.Error(node, $"{what} is of kind custom and needs a generator with an alphabet and a length");

        var (bundle, bundleLine) = fields.TryGetValue("bundle", out var ownBundle)
            ? (RelativePath(ownBundle, $"{what} bundle"), ownBundle)
            : (inventory.Bundle, topBundleNode);
        if (bundle is null || bundleLine is null)
        {
            throw _yaml.Error(node, $"{what} names no bundle and the file has no top-level bundle");
        }

        if (!File.Exists(Path.Combine(Root, bundle)))
        {
            throw _yaml.Error(bundleLine, $"{what}: bundle '{bundle}' does not exist");
        }

        SopsPath? path = null;
        if (fields.TryGetValue("path", out var pathNode))
        {
            try
            {
                path = SopsPath.Parse(_yaml.String(pathNode, $"{what} path"));
            }
            catch (InputException exception)
            {
                throw _yaml.Error(pathNode, $"{what} path: {exception.Problem}");
            }
        }

        var kubernetes = fields.TryGetValue("kubernetes", out var kubernetesNode) ? ParseKubernetes(kubernetesNode, what) : null;
        if (path is null && kubernetes is null)
        {
            throw _yaml.Error(node, $"{what} needs a path in the bundle or a kubernetes secret and key");
        }

        return new ManagedSecret
        {
            Name = name,
            Kind = kind,
            Generator = generator,
            Bundle = bundle,
            Path = path,
            Kubernetes = kubernetes,
            Consumers = fields.TryGetValue("consumers", out var consumers) ? _yaml.StringList(consumers, $"{what} consumers") : [],
            RotationInterval = fields.TryGetValue("rotation-interval", out var interval)
                ? _yaml.Interval(interval, $"{what} rotation-interval")
                : inventory.Defaults.RotationInterval,
            MinLength = fields.TryGetValue("min-length", out var minLength) ? _yaml.PositiveInt(minLength, $"{what} min-length") : inventory.Defaults.MinLength,
            Database = fields.TryGetValue("database", out var database) ? ParseDatabase(database, what) : null,
            Line = (int)node.Start.Line,
        };
    }

    private SecretGenerator ParseGenerator(YamlNode node, SecretKind kind, string what)
    {
        var fields = _yaml.Entries(_yaml.Mapping(node, $"{what} generator"), $"{what} generator", GeneratorKeys)
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var fallback = SecretGenerator.DefaultFor(kind);
        var type = fields.TryGetValue("type", out var typeNode) ? _yaml.String(typeNode, $"{what} generator type") : fallback?.Type ?? SecretGenerator.CustomType;
        if (!SecretGenerator.Types.Contains(type))
        {
            throw _yaml.Error(typeNode!, $"{what}: unknown generator type '{type}' (expected one of: {string.Join(", ", SecretGenerator.Types)})");
        }

        int? bytes = fields.TryGetValue("bytes", out var bytesNode) ? _yaml.PositiveInt(bytesNode, $"{what} generator bytes") : null;
        int? length = fields.TryGetValue("length", out var lengthNode) ? _yaml.PositiveInt(lengthNode, $"{what} generator length") : null;
        string? alphabet = null;
        if (fields.TryGetValue("alphabet", out var alphabetNode))
        {
            var text = _yaml.String(alphabetNode, $"{what} generator alphabet");
            alphabet = Alphabets.Find(text) ?? (type == SecretGenerator.CustomType && text.Distinct().Count() >= 2
                ? new string([.. text.Distinct()])
                : throw _yaml.Error(alphabetNode, $"{what}: unknown alphabet '{text}' (expected one of: {string.Join(", ", Alphabets.Names)}; a custom generator may list its characters)"));
        }

        alphabet ??= SecretGenerator.DefaultAlphabet(type);
        if (type == SecretGenerator.CustomType)
        {
            if (alphabet is null || length is null)
            {
                throw _yaml.Error(node, $"{what}: a custom generator needs an alphabet and a length");
            }

            return new SecretGenerator(type, null, length, alphabet);
        }

        var sameType = fallback is not null && fallback.Type == type ? fallback : null;
        return new SecretGenerator(type, bytes ?? (length is null ? sameType?.Bytes ?? 32 : null), length, alphabet!);
    }

    private KubernetesTarget ParseKubernetes(YamlNode node, string what)
    {
        var fields = _yaml.Entries(_yaml.Mapping(node, $"{what} kubernetes"), $"{what} kubernetes", KubernetesKeys)
            .ToDictionary(e => e.Key, e => _yaml.String(e.Value, $"{what} kubernetes.{e.Key}"), StringComparer.Ordinal);
        return new KubernetesTarget(
            fields.GetValueOrDefault("secret") ?? throw _yaml.Error(node, $"{what} kubernetes needs a secret"),
            fields.GetValueOrDefault("key") ?? throw _yaml.Error(node, $"{what} kubernetes needs a key"),
            fields.GetValueOrDefault("namespace"));
    }

    private DatabaseAccount ParseDatabase(YamlNode node, string what)
    {
        var fields = _yaml.Entries(_yaml.Mapping(node, $"{what} database"), $"{what} database", DatabaseKeys)
            .ToDictionary(e => e.Key, e => _yaml.String(e.Value, $"{what} database.{e.Key}"), StringComparer.Ordinal);
        return new DatabaseAccount(
            fields.GetValueOrDefault("engine") ?? throw _yaml.Error(node, $"{what} database needs an engine"),
            fields.GetValueOrDefault("user") ?? throw _yaml.Error(node, $"{what} database needs a user"));
    }

    private List<GatePhase> ParseGates(YamlNode node)
    {
        if (YamlFields.IsNull(node))
        {
            return [];
        }

        var phases = new List<GatePhase>();
        foreach (var (keyNode, value) in _yaml.Mapping(node, "gates").Children)
        {
            var name = _yaml.String(keyNode, "a phase name");
            if (!NamePattern().IsMatch(name))
            {
                throw _yaml.Error(keyNode, $"phase name '{name}' may contain only letters, digits, '_', '.' and '-', and cannot start with '-'");
            }

            var checks = new List<GateCheckEntry>();
            foreach (var item in _yaml.List(value, $"phase '{name}'"))
            {
                var check = ParseCheck(item, name);
                if (checks.Any(c => c.Check == check.Check))
                {
                    throw _yaml.Error(item, $"phase '{name}' lists check '{check.Check}' twice");
                }

                checks.Add(check);
            }

            phases.Add(new GatePhase(name, checks));
        }

        return phases;
    }

    private GateCheckEntry ParseCheck(YamlNode node, string phase)
    {
        var what = $"a check of phase '{phase}'";
        var fields = _yaml.Entries(_yaml.Mapping(node, what), what, CheckKeys).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var check = fields.TryGetValue("check", out var checkNode) ? _yaml.String(checkNode, "check") : throw _yaml.Error(node, $"{what} needs a check name");
        if (!GateCheckEntry.KnownChecks.Contains(check))
        {
            throw _yaml.Error(checkNode, $"unknown check '{check}' (expected one of: {string.Join(", ", GateCheckEntry.KnownChecks)})");
        }

        var level = fields.TryGetValue("level", out var levelNode)
            ? _yaml.String(levelNode, "level") switch
            {
                "block" => GateLevel.Block,
                "warn" => GateLevel.Warn,
                var other => throw _yaml.Error(levelNode, $"level must be block or warn, not '{other}'"),
            }
            : GateLevel.Block;
        var whenSkipped = fields.TryGetValue("when-skipped", out var skippedNode)
            ? _yaml.String(skippedNode, "when-skipped") switch
            {
                "pass" => SkippedPolicy.Pass,
                "warn" => SkippedPolicy.Warn,
                "block" => SkippedPolicy.Block,
                var other => throw _yaml.Error(skippedNode, $"when-skipped must be block, warn or pass, not '{other}'"),
            }
            : SkippedPolicy.Pass;
        return new GateCheckEntry(check, level, whenSkipped) { Line = (int)node.Start.Line };
    }

    private RotationSettings ParseRotation(YamlNode node)
    {
        var settings = RotationSettings.Default;
        if (YamlFields.IsNull(node))
        {
            return settings;
        }

        foreach (var (key, _, value) in _yaml.Entries(_yaml.Mapping(node, "rotation"), "rotation", RotationKeys))
        {
            settings = key switch
            {
                "branch-prefix" => settings with { BranchPrefix = _yaml.String(value, "rotation.branch-prefix") },
                "labels" => settings with { Labels = _yaml.StringList(value, "rotation.labels") },
                "reviewers" => settings with { Reviewers = _yaml.StringList(value, "rotation.reviewers") },
                "team-reviewers" => settings with { TeamReviewers = _yaml.StringList(value, "rotation.team-reviewers") },
                _ => settings with { Author = ParseAuthor(value) },
            };
        }

        return settings;
    }

    private CommitAuthor ParseAuthor(YamlNode node)
    {
        var fields = _yaml.Entries(_yaml.Mapping(node, "rotation.author"), "rotation.author", AuthorKeys)
            .ToDictionary(e => e.Key, e => _yaml.String(e.Value, $"rotation.author.{e.Key}"), StringComparer.Ordinal);
        return new CommitAuthor(
            fields.GetValueOrDefault("name") ?? throw _yaml.Error(node, "rotation.author needs a name"),
            fields.GetValueOrDefault("email") ?? throw _yaml.Error(node, "rotation.author needs an email"));
    }

    /// <summary>A path relative to the repository root, forward slashes, that does not leave it.</summary>
    private string RelativePath(YamlNode node, string what)
    {
        var text = _yaml.String(node, what).Trim().Replace('\\', '/');
        var full = Path.GetFullPath(Path.Combine(Root, text));
        var relative = Path.GetRelativePath(Root, full).Replace('\\', '/');
        return Path.IsPathRooted(text) || relative.StartsWith("../", StringComparison.Ordinal) || relative == ".."
            ? throw _yaml.Error(node, $"{what} must be a path inside the repository, not '{text}'")
            : relative;
    }
}
