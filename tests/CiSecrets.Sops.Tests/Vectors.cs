using System.Text.Json;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// The sops tool's own test vectors (vectors/sops of the external interop data): files written by sops
/// itself, with the keys that open them. Every test that reads them belongs to the external interop group
/// and is skipped, with the reason, when the data is absent (see <see cref="InteropData"/>).
/// </summary>
internal static class Vectors
{
    public static string Root => InteropData.Folder(Path.Combine("vectors", "sops"));

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Both identities of keys/age-keys.txt.</summary>
    public static IReadOnlyList<AgeIdentity> AgeKeys => AgeIdentities.ParseFile(PathOf("keys/age-keys.txt"));

    /// <summary>The third Shamir group's identity.</summary>
    public static IReadOnlyList<AgeIdentity> GeneratedKey => AgeIdentities.ParseFile(PathOf("keys/generated-age-key.txt"));

    public static IReadOnlyList<AgeIdentity> AllAgeKeys => [.. AgeKeys, .. GeneratedKey];

    public sealed record ExpectedKey(string Path, string Store, string KeyType, string DataKeyHex, string Mac, string StoredMacMatches);

    public static IReadOnlyList<ExpectedKey> ExpectedKeys =>
        [.. File.ReadAllLines(PathOf("expected-keys-and-macs.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => new ExpectedKey(p[0], p[1], p[2], p[3], p[4], p.Length > 5 ? p[5] : ""))];

    public static ExpectedKey Expected(string relative) => ExpectedKeys.Single(k => k.Path == relative);

    public static JsonElement ReadJson(string relative) => JsonDocument.Parse(File.ReadAllText(PathOf(relative))).RootElement;
}
