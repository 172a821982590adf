using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CiSecrets.Scanning.Sources.Objects;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests.Objects;

/// <summary>
/// Reads packs that git itself wrote, deltas included, and checks every object against its own
/// name: an object's id is the SHA-1 of its type, size and content, so a single wrong byte shows.
/// </summary>
public sealed class PackWalkTests
{
    /// <summary>A file edited many times (deltas against deltas), a folder tree, and a second pack from a later repack.</summary>
    private static TempGitRepository PackedRepository(bool twoPacks = false)
    {
        var repo = new TempGitRepository();
        var lines = new List<string>();
        for (var version = 0; version < 40; version++)
        {
            lines.Insert(version * 7 % (lines.Count + 1), $"line {version}: {new string((char)('a' + (version % 26)), 40)}");
            repo.Write("docs/guide.md", string.Join('\n', lines))
                .Write($"src/module{version % 5}/code.cs", $"class C{version} {{ }}\n" + string.Join('\n', lines.Take(version)))
                .Commit($"version {version}");
            if (twoPacks && version == 20)
            {
                repo.Git("repack", "-adq", "--depth=50", "--window=50");
            }
        }

        repo.Git("repack", twoPacks ? "-dq" : "-adfq", "--depth=50", "--window=50");
        repo.Git("prune-packed");
        return repo;
    }

    private static Dictionary<string, (string Type, int Size)> ObjectsGitLists(TempGitRepository repo) =>
        repo.Git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(objectsize)")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => (parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));

    private static string IdOf(string type, ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"{type} {content.Length}\0"), .. content]));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_tree_and_blob_in_the_packs_is_rebuilt_exactly(bool twoPacks)
    {
        using var repo = PackedRepository(twoPacks);
        var expected = ObjectsGitLists(repo);
        using var store = ObjectStore.TryOpen(Path.Combine(repo.Path, ".git")) ?? throw new InvalidOperationException("no store");

        foreach (var (type, name) in new[] { (GitObjectType.Tree, "tree"), (GitObjectType.Blob, "blob") })
        {
            var seen = new ConcurrentDictionary<string, string>();
            store.ReadPacked(type, _ => true, (id, content) => seen[id.ToString()] = IdOf(name, content), parallelism: 2, CancellationToken.None);

            var wanted = expected.Where(o => o.Value.Type == name).Select(o => o.Key).Order().ToList();
            Assert.Equal(wanted, seen.Keys.Order().ToList());
            Assert.All(seen, pair => Assert.Equal(pair.Key, pair.Value));
        }
    }

    [Fact]
    public void The_test_pack_really_holds_delta_chains()
    {
        using var repo = PackedRepository();
        var pack = Directory.GetFiles(Path.Combine(repo.Path, ".git", "objects", "pack"), "*.idx").Single();
        using var file = PackFile.TryOpen(pack)!;

        var depth = file.Entries.Select(entry =>
        {
            var d = 0;
            for (var e = entry; e.Base >= 0; e = file.Entries[e.Base])
            {
                d++;
            }

            return d;
        }).Max();
        Assert.True(depth >= 5, $"deepest delta chain {depth}");
    }

    [Fact]
    public void Only_the_wanted_objects_are_handed_over()
    {
        using var repo = PackedRepository();
        var blobs = ObjectsGitLists(repo).Where(o => o.Value.Type == "blob").Select(o => o.Key).Order().ToList();
        var wanted = blobs.Where((_, i) => i % 3 == 0).ToHashSet();
        using var store = ObjectStore.TryOpen(Path.Combine(repo.Path, ".git"))!;

        var seen = new ConcurrentBag<string>();
        store.ReadPacked(GitObjectType.Blob, id => wanted.Contains(id.ToString()), (id, content) => seen.Add(IdOf("blob", content)), parallelism: 2, CancellationToken.None);

        Assert.Equal(wanted.Order(), seen.Order());
    }

    [Fact]
    public void Corrupt_pack_data_is_reported_as_a_corrupt_object()
    {
        using var repo = PackedRepository();
        var pack = Directory.GetFiles(Path.Combine(repo.Path, ".git", "objects", "pack"), "*.pack").Single();
        var bytes = File.ReadAllBytes(pack);
        for (var i = bytes.Length / 2; i < (bytes.Length / 2) + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(pack, bytes);

        var error = Assert.Throws<CorruptObjectException>(() =>
        {
            using var store = ObjectStore.TryOpen(Path.Combine(repo.Path, ".git"))!;
            store.ReadPacked(GitObjectType.Tree, _ => true, (_, _) => { }, 1, CancellationToken.None);
            store.ReadPacked(GitObjectType.Blob, _ => true, (_, _) => { }, 1, CancellationToken.None);
        });
        Assert.Matches("^git object [0-9a-f]{40} is corrupt or missing: ", error.Message);
    }

    [Fact]
    public void A_store_with_alternates_is_left_to_libgit2()
    {
        using var repo = PackedRepository();
        File.WriteAllText(Path.Combine(repo.Path, ".git", "objects", "info", "alternates"), "/elsewhere/objects\n");

        Assert.Null(ObjectStore.TryOpen(Path.Combine(repo.Path, ".git")));
    }
}
