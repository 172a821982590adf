using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiSecrets.Scanning.Sources;

namespace CiSecrets.Scanning.Suppression;

/// <summary>
/// Known findings a team has accepted. Entries are keyed on the rule and an HMAC-SHA256 of the
/// secret under the baseline's own random key, not on positions: moving a line keeps it
/// ignored, while a new secret placed on an ignored line is still reported. The file holds no
/// secret and no plain hash of one (a plain hash of a weak password is reversible by guessing).
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;

    private readonly byte[] _key;
    private readonly List<BaselineEntry> _entries;

    private Baseline(byte[] key, List<BaselineEntry> entries)
    {
        _key = key;
        _entries = entries;
    }

    public IReadOnlyList<BaselineEntry> Entries => _entries;

    public static Baseline Create(IEnumerable<Leak> leaks)
    {
        var baseline = new Baseline(RandomNumberGenerator.GetBytes(32), []);
        foreach (var leak in leaks)
        {
            var entry = new BaselineEntry(leak.Detection.Rule.Id, baseline.Hash(leak.Detection.Secret), leak.Path, leak.Commit, leak.Detection.Line);
            if (!baseline._entries.Any(e => e.RuleId == entry.RuleId && e.Hash == entry.Hash))
            {
                baseline._entries.Add(entry);
            }
        }

        return baseline;
    }

    /// <summary>True when the baseline holds this rule and secret.</summary>
    public bool Contains(string ruleId, string secret)
    {
        var hash = Hash(secret);
        return _entries.Any(e => e.RuleId == ruleId && e.Hash == hash);
    }

    /// <summary>Entries that match none of <paramref name="leaks"/>: accepted secrets that are gone.</summary>
    public IEnumerable<BaselineEntry> Unused(IEnumerable<Leak> leaks)
    {
        var found = leaks.Select(l => (l.Detection.Rule.Id, Hash(l.Detection.Secret))).ToHashSet();
        return _entries.Where(e => !found.Contains((e.RuleId, e.Hash)));
    }

    public string Hash(string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret)));

    public static async Task<Baseline> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, "baseline file not found (create one with `cisecrets baseline create`)");
        }

        try
        {
            var root = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))?.AsObject()
                ?? throw new InputException(path, "baseline is empty");
            if ((int?)root["version"] != FormatVersion)
            {
                throw new InputException(path, $"unsupported baseline version (expected {FormatVersion})");
            }

            var key = Convert.FromBase64String((string?)root["key"] ?? throw new InputException(path, "baseline has no key"));
            var entries = (root["entries"]?.AsArray() ?? [])
                .Select(node => new BaselineEntry(
                    (string?)node!["ruleId"] ?? throw new InputException(path, "baseline entry without ruleId"),
                    (string?)node["hash"] ?? throw new InputException(path, "baseline entry without hash"),
                    (string?)node["path"] ?? "",
                    (string?)node["commit"] ?? "",
                    (int?)node["line"] ?? 0))
                .ToList();
            return new Baseline(key, entries);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InputException(path, $"malformed baseline: {e.Message}", e);
        }
    }

    public Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var root = new JsonObject
        {
            ["version"] = FormatVersion,
            ["key"] = Convert.ToBase64String(_key),
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
}

/// <summary>One accepted finding: rule and keyed hash identify it; path, commit and line only help people read the file.</summary>
public sealed record BaselineEntry(string RuleId, string Hash, string Path, string Commit, int Line);
