using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests.Interop;

/// <summary>
/// The independent verifier on the rest of the format: INI, binary, lists in lists and Shamir key groups.
/// First it must read the shared vectors of each; then what we encrypt, set and rotate in each.
/// </summary>
public sealed class InteropStoreTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();

    [Theory]
    [InlineData("pr1031-age/example.ini")]
    [InlineData("pr1031-age/example.txt")]
    [InlineData("generated/types.enc.yaml")]
    [InlineData("generated/shamir-3groups-threshold2.enc.yaml")]
    public void The_verifier_reads_the_ini_binary_nested_list_and_shamir_vectors_as_the_library_does(string vector)
    {
        // Act
        var verdict = NodeVerifier.Verify(Vectors.PathOf(vector), [.. Vectors.AgeKeys]);

        // Assert
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        var library = SopsFiles.Decrypt(Vectors.PathOf(vector), Vectors.AgeKeys);
        if (library.Source.Format == SopsFormat.Binary)
        {
            Assert.Equal(Encoding.UTF8.GetString(library.ToPlaintext()), verdict.Documents[0]["data"]);
        }
        else
        {
            // Same leaves under the same names; the typed spellings (floats, bools) are the verifier's own.
            Assert.Equal(library.ToFlatDictionary().Keys.Order(StringComparer.Ordinal), verdict.Documents[0].Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_verifier_needs_as_many_key_groups_as_the_shamir_threshold()
    {
        // Act
        var one = NodeVerifier.Verify(Vectors.PathOf("generated/shamir-3groups-threshold2.enc.yaml"), Vectors.GeneratedKey[0]);
        var two = NodeVerifier.Verify(Vectors.PathOf("generated/shamir-3groups-threshold2.enc.yaml"), Vectors.AgeKeys[1], Vectors.GeneratedKey[0]);

        // Assert
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("1 of 3 key groups open, the Shamir threshold is 2", one.Error, StringComparison.Ordinal);
        Assert.True(two.ExitCode == 0, two.Error);
        Assert.Equal("correct horse battery staple", two.Documents[0]["db_password"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_ini_file_we_encrypt_set_and_rotate_stays_valid_for_the_verifier()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = TestFiles.WriteEncrypted(folder, "app.ini", "; the database\n[database]\nuser = app\npassword = old-password\nquoted = `a;b#c`\n\n[not private]\nnote_unencrypted = hi there\n", SopsCreationRule.ForAge([_team.Recipient]));

        // Act
        var verdicts = await VerifyAfterEncryptSetAndRotate(path, "database.password", "new; password");

        // Assert
        AssertVerifiedAfterEachStep(verdicts, new Dictionary<string, string> { ["database.user"] = "app", ["database.password"] = "old-password", ["database.quoted"] = "a;b#c", ["not private.note_unencrypted"] = "hi there" }, "database.password", "new; password");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_binary_file_we_encrypt_set_and_rotate_is_hashed_byte_for_byte_by_the_verifier()
    {
        // Arrange: bytes that are not UTF-8, so a text round trip would change the MAC.
        using var folder = new TempDirectory();
        var path = folder.Combine("blob.bin");
        byte[] content = [.. "key material\n"u8, 0xff, 0xfe, 0x00, 0x80];
        await File.WriteAllTextAsync(path, SopsEncryptor.Encrypt(content, SopsFormat.Binary, SopsCreationRule.ForAge([_team.Recipient]), "blob.bin", TestClock.Now), TestContext.Current.CancellationToken);
        var text = folder.Combine("notes.txt");
        await File.WriteAllTextAsync(text, SopsEncryptor.Encrypt("line one\nline two\n"u8.ToArray(), SopsFormat.Binary, SopsCreationRule.ForAge([_team.Recipient]), "notes.txt", TestClock.Now), TestContext.Current.CancellationToken);

        // Act
        var binary = NodeVerifier.Verify(path, _team);
        var verdicts = await VerifyAfterEncryptSetAndRotate(text, "data", "line three\n");

        // Assert
        Assert.True(binary.ExitCode == 0, binary.Error);
        Assert.Equal("verified", binary.Mac);
        AssertVerifiedAfterEachStep(verdicts, new Dictionary<string, string> { ["data"] = "line one\nline two\n" }, "data", "line three\n");
    }

    [Fact(Timeout = 120_000)]
    public async Task Lists_in_lists_we_encrypt_set_and_rotate_stay_valid_for_the_verifier()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = TestFiles.WriteEncrypted(folder, "matrix.yaml", "matrix:\n    - - a\n      - 1\n    - - - deep\n      - b: c\n", SopsCreationRule.ForAge([_team.Recipient]));

        // Act
        var verdicts = await VerifyAfterEncryptSetAndRotate(path, "matrix[0][0]", "changed");

        // Assert
        AssertVerifiedAfterEachStep(verdicts, new Dictionary<string, string> { ["matrix[0][0]"] = "a", ["matrix[0][1]"] = "1", ["matrix[1][0][0]"] = "deep", ["matrix[1][1].b"] = "c" }, "matrix[0][0]", "changed");
    }

    [Fact(Timeout = 120_000)]
    public async Task Shamir_key_groups_we_write_open_for_the_verifier_with_the_threshold_and_not_below()
    {
        // Arrange: three groups, any two suffice.
        using var folder = new TempDirectory();
        AgeIdentity[] members = [AgeIdentity.Generate(), AgeIdentity.Generate(), AgeIdentity.Generate()];
        var rule = SopsCreationRule.ForAgeGroups(members.Select(m => new[] { m.Recipient }), threshold: 2);
        var path = TestFiles.WriteEncrypted(folder, "shared.yaml", "db:\n    password: old-password\n", rule);
        var encrypted = NodeVerifier.Verify(path, members[0], members[2]);

        // Act
        await SopsFiles.SetStringsAsync(path, [members[0], members[1]], new Dictionary<string, string> { ["db.password"] = "new-password" }, TestClock.Create(), CancellationToken.None);
        var afterSet = NodeVerifier.Verify(path, members[1], members[2]);
        await SopsFiles.RotateAsync(path, [members[1], members[2]], TestClock.Create(), CancellationToken.None);
        var afterRotate = NodeVerifier.Verify(path, members[0], members[1]);
        var alone = NodeVerifier.Verify(path, members[2]);

        // Assert
        AssertVerified(encrypted, new Dictionary<string, string> { ["db.password"] = "old-password" });
        AssertVerified(afterSet, new Dictionary<string, string> { ["db.password"] = "new-password" });
        AssertVerified(afterRotate, new Dictionary<string, string> { ["db.password"] = "new-password" });
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("the Shamir threshold is 2", alone.Error, StringComparison.Ordinal);
    }

    /// <summary>The verifier's verdicts on the file as encrypted, after one value is set, and after a rotation.</summary>
    private async Task<NodeVerdict[]> VerifyAfterEncryptSetAndRotate(string path, string keyPath, string value)
    {
        var encrypted = NodeVerifier.Verify(path, _team);
        await SopsFiles.SetStringsAsync(path, [_team], new Dictionary<string, string> { [keyPath] = value }, TestClock.Create(), CancellationToken.None);
        var afterSet = NodeVerifier.Verify(path, _team);
        await SopsFiles.RotateAsync(path, [_team], TestClock.Create(), CancellationToken.None);
        return [encrypted, afterSet, NodeVerifier.Verify(path, _team)];
    }

    private static void AssertVerifiedAfterEachStep(NodeVerdict[] verdicts, Dictionary<string, string> encrypted, string keyPath, string value)
    {
        AssertVerified(verdicts[0], encrypted);
        var changed = new Dictionary<string, string>(encrypted) { [keyPath] = value };
        AssertVerified(verdicts[1], changed);
        AssertVerified(verdicts[2], changed);
    }

    private static void AssertVerified(NodeVerdict verdict, IReadOnlyDictionary<string, string> expected)
    {
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        Assert.Equal(expected, verdict.Documents[0]);
    }
}
