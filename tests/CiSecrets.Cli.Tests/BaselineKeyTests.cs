using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

/// <summary>
/// The baseline's HMAC key lives outside the committed file (CISECRETS_BASELINE_KEY or a gitignored
/// key file), so a reader of the file cannot test guesses; with the key, the baseline suppresses as before.
/// </summary>
public sealed class BaselineKeyTests
{
    private const string WeakPassword = "hunter" + "2-accepted";

    [Fact(Timeout = 120_000)]
    public async Task A_committed_baseline_entry_cannot_be_verified_without_the_key_and_suppresses_with_it()
    {
        // Arrange: a weak password accepted into a baseline that is committed; the key file is not.
        using var repo = new TempGitRepository();
        repo.Write("app.py", $"password = \"{WeakPassword}\"\n").Commit("weak password");
        var created = await CliRunner.RunAsync(repo.Path, "baseline", "create", ".");
        Assert.True(created.ExitCode == 0, created.All);
        repo.Commit("baseline");
        var committed = repo.Git("show", "HEAD:.cisecrets-baseline.json");
        var tracked = repo.Git("ls-files");
        var keyFile = Path.Combine(repo.Path, ".cisecrets", "baseline.key");
        var key = (await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken)).Trim();

        using var clone = new TempDirectory();
        var copy = clone.Combine("clone");
        repo.Git("clone", "-q", repo.Path, copy);

        // Act
        var withoutKey = await CliRunner.RunAsync(copy, "scan", ".", "--baseline", ".cisecrets-baseline.json");
        var withKey = await CliRunner.RunAsync(copy, new Dictionary<string, string> { ["CISECRETS_BASELINE_KEY"] = key }, "scan", ".", "--baseline", ".cisecrets-baseline.json");
        var wrongKey = await CliRunner.RunAsync(copy, new Dictionary<string, string> { ["CISECRETS_BASELINE_KEY"] = Convert.ToBase64String(new byte[32]) }, "scan", ".", "--baseline", ".cisecrets-baseline.json");

        // Assert: the file alone gives an attacker nothing to test a guess with.
        var entry = JsonNode.Parse(committed)!["entries"]!.AsArray().Single()!;
        var hash = (string)entry["hash"]!;
        Assert.Equal(Hmac(Convert.FromBase64String(key), WeakPassword), hash);
        foreach (var candidate in KeyCandidates(JsonNode.Parse(committed)!))
        {
            Assert.NotEqual(Hmac(candidate, WeakPassword), hash);
        }

        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WeakPassword))), hash);
        Assert.DoesNotContain(key, committed, StringComparison.Ordinal);
        Assert.DoesNotContain(".cisecrets/baseline.key", tracked, StringComparison.Ordinal);
        Assert.Contains("/.cisecrets/baseline.key", await File.ReadAllTextAsync(Path.Combine(repo.Path, ".gitignore"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        // Without the key the scan fails closed (exit 2, one line naming the variable); with it, it suppresses.
        Assert.Equal(2, withoutKey.ExitCode);
        Assert.Contains("CISECRETS_BASELINE_KEY", withoutKey.Error, StringComparison.Ordinal);
        Assert.Single(withoutKey.Error.TrimEnd().Split('\n'));
        Assert.True(withKey.ExitCode == 0, withKey.All);
        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("is not the key this baseline was made with", wrongKey.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(WeakPassword, created.All + withoutKey.All + withKey.All + wrongKey.All, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_version_1_baseline_is_refused_by_scan_and_migrated_by_one_command()
    {
        // Arrange: a version 1 file as older releases wrote it, its key beside two entries (one still found).
        using var repo = new TempGitRepository();
        repo.Write("keys.ini", AwsLine(1)).Write("other.ini", AwsLine(2)).Commit("two leaks");
        var legacyKey = RandomNumberGenerator.GetBytes(32);
        var legacy = new JsonObject
        {
            ["version"] = 1,
            ["key"] = Convert.ToBase64String(legacyKey),
            ["entries"] = new JsonArray(
                new JsonObject { ["ruleId"] = "aws-access-token", ["hash"] = Hmac(legacyKey, AwsKeyId(1)), ["path"] = "keys.ini", ["commit"] = "", ["line"] = 1 },
                new JsonObject { ["ruleId"] = "aws-access-token", ["hash"] = Hmac(legacyKey, AwsKeyId(9)), ["path"] = "gone.ini", ["commit"] = "", ["line"] = 1 }),
        };
        await File.WriteAllTextAsync(Path.Combine(repo.Path, "old-baseline.json"), legacy.ToJsonString(), TestContext.Current.CancellationToken);

        // Act
        var refused = await CliRunner.RunAsync(repo.Path, "scan", ".", "--baseline", "old-baseline.json");
        var migrated = await CliRunner.RunAsync(repo.Path, "baseline", "migrate", ".", "--baseline", "old-baseline.json");
        var scan = await CliRunner.RunAsync(repo.Path, "scan", ".", "--baseline", "old-baseline.json", "--format", "json");

        // Assert
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cisecrets baseline migrate", refused.Error, StringComparison.Ordinal);
        Assert.True(migrated.ExitCode == 0, migrated.All);
        Assert.Contains("1 entries kept, 1 that match no current finding dropped", migrated.Output, StringComparison.Ordinal);
        var rewritten = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(repo.Path, "old-baseline.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(2, (int)rewritten["version"]!);
        Assert.Null(rewritten["key"]);
        Assert.Equal(1, scan.ExitCode);
        Assert.Equal("other.ini", Assert.Single(Findings(scan.Output)).Field("path"));
    }

    private static string Hmac(byte[] key, string secret) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret)));

    /// <summary>Every string in the file read as a key, raw and base64-decoded: what an attacker holding the file could try.</summary>
    private static IEnumerable<byte[]> KeyCandidates(JsonNode node)
    {
        var strings = node switch
        {
            JsonObject o => o.SelectMany(p => p.Value is null ? [] : KeyCandidates(p.Value)),
            JsonArray a => a.SelectMany(item => item is null ? [] : KeyCandidates(item)),
            JsonValue v when v.TryGetValue<string>(out var text) => Decodings(text),
            _ => [],
        };
        return strings.ToList();
    }

    private static IEnumerable<byte[]> Decodings(string text)
    {
        yield return Encoding.UTF8.GetBytes(text);
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            yield return buffer[..written];
        }
    }
}
