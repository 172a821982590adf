using System.Text.Json;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// The shared sops test vectors (shared/vectors/sops), found by walking up from the test binary to the
/// folder holding CiSecrets.sln and then ../shared. Key material is read from there at run time.
/// </summary>
internal static class Vectors
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var sourceDirectory = typeof(Vectors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        var directory = FindSolution(AppContext.BaseDirectory) ?? (sourceDirectory is null ? null : FindSolution(sourceDirectory))
            ?? throw new InvalidOperationException($"no folder containing CiSecrets.sln above {AppContext.BaseDirectory} or {sourceDirectory}");

        var shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "vectors", "sops"));
        return Directory.Exists(shared)
            ? shared
            : throw new InvalidOperationException($"the shared sops vectors are missing: expected {shared} (the 'shared' folder beside the repository)");
    }

    private static DirectoryInfo? FindSolution(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CiSecrets.sln")))
        {
            directory = directory.Parent;
        }

        return directory;
    }

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
