using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiSecrets.Scanning.Sources;

namespace CiSecrets.Scanning.Suppression;

/// <summary>
/// Known findings a team has accepted. Entries are keyed on the rule and an HMAC-SHA256 of the
/// secret, not on positions: moving a line keeps it ignored, while a new secret placed on an ignored
/// line is still reported. The HMAC key is not in the file (<see cref="BaselineKey"/>): the committed
/// file holds no secret, no plain hash and nothing that lets a reader test a guess.
/// Version 1 files kept their key beside the entries; they are refused, and
/// <see cref="MigrateAsync"/> turns one into version 2.
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 2;

    private const int LegacyVersion = 1;

    private readonly BaselineKey _key;
    private readonly List<BaselineEntry> _entries;

    private Baseline(BaselineKey key, List<BaselineEntry> entries)
    {
        _key = key;
        _entries = entries;
    }

    public IReadOnlyList<BaselineEntry> Entries => _entries;

    public static Baseline Create(IEnumerable<Leak> leaks, BaselineKey key)
    {
        var baseline = new Baseline(key, []);
        foreach (var leak in leaks)
        {
            baseline.Add(leak);
        }

        return baseline;
    }

    /// <summary>
    /// A version 2 baseline under <paramref name="key"/> from a version 1 file: an HMAC cannot be re-keyed,
    /// so each old entry is carried over through the current finding whose secret it matches. Entries
    /// that match no finding any more are dropped (they suppressed nothing).
    /// </summary>
    public static async Task<(Baseline Baseline, int Dropped)> MigrateAsync(string path, IEnumerable<Leak> leaks, BaselineKey key, CancellationToken cancellationToken)
    {
        var (root, version) = await ReadAsync(path, cancellationToken);
        if (version != LegacyVersion)
        {
            throw new InputException(path, $"baseline is already version {version}: nothing to migrate");
        }

        var legacyKey = Convert.FromBase64String((string?)root["key"] ?? throw new InputException(path, "version 1 baseline has no key"));
        var old = ReadEntries(root, path);
        var baseline = new Baseline(key, []);
        var kept = new HashSet<(string, string)>();
        foreach (var leak in leaks)
        {
            var legacyHash = Convert.ToHexStringLower(HMACSHA256.HashData(legacyKey, Encoding.UTF8.GetBytes(leak.Detection.Secret)));
            if (old.Any(e => e.RuleId == leak.Detection.Rule.Id && e.Hash == legacyHash))
            {
                kept.Add((leak.Detection.Rule.Id, legacyHash));
                baseline.Add(leak);
            }
        }

        return (baseline, old.Count(e => !kept.Contains((e.RuleId, e.Hash))));
    }

    /// <summary>True when the baseline holds this rule and secret.</summary>
    public bool Contains(string ruleId, string secret)
    {
        var hash = _key.Hash(secret);
        return _entries.Any(e => e.RuleId == ruleId && e.Hash == hash);
    }

    /// <summary>Entries that match none of <paramref name="leaks"/>: accepted secrets that are gone.</summary>
    public IEnumerable<BaselineEntry> Unused(IEnumerable<Leak> leaks)
    {
        var found = leaks.Select(l => (l.Detection.Rule.Id, _key.Hash(l.Detection.Secret))).ToHashSet();
        return _entries.Where(e => !found.Contains((e.RuleId, e.Hash)));
    }

    /// <summary>Reads a version 2 baseline; <paramref name="key"/> is required and must be the one it was made with.</summary>
    public static async Task<Baseline> LoadAsync(string path, BaselineKey? key, CancellationToken cancellationToken)
    {
        var (root, version) = await ReadAsync(path, cancellationToken);
        if (version == LegacyVersion)
        {
            throw new InputException(path, "baseline version 1 keeps its key beside its entries, so anyone who can read it can test guesses offline; run `cisecrets baseline migrate` to rewrite it without the key");
        }

        if (version != FormatVersion)
        {
            throw new InputException(path, $"unsupported baseline version {version} (expected {FormatVersion})");
        }

        if (key is null)
        {
            throw new InputException(path, $"the baseline's key is not available: set {BaselineKey.Variable} or keep the key file {BaselineKey.FileName} at the repository root");
        }

        var keyId = (string?)root["keyId"] ?? throw new InputException(path, "baseline has no keyId");
        if (keyId != key.Id)
        {
            throw new InputException(path, $"the key from {key.Source} (id {key.Id}) is not the key this baseline was made with (id {keyId})");
        }

        return new Baseline(key, ReadEntries(root, path));
    }

    public Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var root = new JsonObject
        {
            ["version"] = FormatVersion,
            ["keyId"] = _key.Id,
            ["entries"] = new JsonArray([.. _entries.Select(e => (JsonNode)new JsonObject
            {
                ["ruleId"] = e.RuleId,
                ["hash"] = e.Hash,
                ["path"] = e.Path,
                ["commit"] = e.Commit,
                ["line"] = e.Line,
            })]),
        };
        return AtomicFile.WriteAllTextAsync(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
    }

    private void Add(Leak leak)
    {
        var entry = new BaselineEntry(leak.Detection.Rule.Id, _key.Hash(leak.Detection.Secret), leak.Path, leak.Commit, leak.Detection.Line);
        if (!_entries.Any(e => e.RuleId == entry.RuleId && e.Hash == entry.Hash))
        {
            _entries.Add(entry);
        }
    }

    private static async Task<(JsonObject Root, int Version)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, "baseline file not found (create one with `cisecrets baseline create`)");
        }

        try
        {
            var root = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))?.AsObject()
                ?? throw new InputException(path, "baseline is empty");
            return (root, (int?)root["version"] ?? throw new InputException(path, "baseline has no version"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InputException(path, $"malformed baseline: {e.Message}", e);
        }
    }

    private static List<BaselineEntry> ReadEntries(JsonObject root, string path)
    {
        try
        {
            return [.. (root["entries"]?.AsArray() ?? [])
                .Select(node => new BaselineEntry(
                    (string?)node!["ruleId"] ?? throw new InputException(path, "baseline entry without ruleId"),
                    (string?)node["hash"] ?? throw new InputException(path, "baseline entry without hash"),
                    (string?)node["path"] ?? "",
                    (string?)node["commit"] ?? "",
                    (int?)node["line"] ?? 0))];
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InputException(path, $"malformed baseline: {e.Message}", e);
        }
    }
}

/// <summary>One accepted finding: rule and keyed hash identify it; path, commit and line only help people read the file.</summary>
public sealed record BaselineEntry(string RuleId, string Hash, string Path, string Commit, int Line);
