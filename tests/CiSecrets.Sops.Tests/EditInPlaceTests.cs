using CiSecrets.Sops.Age;
using CiSecrets.Sops.Tests.Interop;

using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class EditInPlaceTests
{
    [Theory(Timeout = 120_000)]
    [InlineData(GeneratedSamples.Yaml, "app2.db.password", "password:", "lastmodified:", "mac:")]
    [InlineData(GeneratedSamples.Json, "firstName", "\"firstName\":", "\"lastmodified\":", "\"mac\":")]
    [InlineData(GeneratedSamples.Ini, "address.city", "city ", "lastmodified ", "mac ")]
    [InlineData(GeneratedSamples.Dotenv, "DB_PASSWORD", "DB_PASSWORD=", "sops_lastmodified=", "sops_mac=")]
    [InlineData(GeneratedSamples.MultiDocument, "first", "first:", "lastmodified:", "mac:")]
    public async Task Setting_a_value_changes_only_that_value_lastmodified_and_mac(string name, string path, string valueLine, string lastModifiedLine, string macLine)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.PathOf(name);
        var dataKey = SopsFiles.Decrypt(file, files.Keys).DataKeyHex();

        // Act
        var (before, after) = await SetAsync(file, files.Keys, path, "a-brand-new-value");

        // Assert: only the value's line and the metadata that must move change; the independent verifier agrees.
        AssertOnlyTheseLinesChanged(before, after, valueLine, lastModifiedLine, macLine);
        Assert.Equal(dataKey, SopsFiles.Decrypt(file, files.Keys).DataKeyHex());
        var verdict = NodeVerifier.Verify(file, files.First);
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        Assert.Equal("a-brand-new-value", verdict.Documents[0][path]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Edited_yaml_is_byte_identical_outside_the_edited_spans()
    {
        // Arrange
        using var files = new GeneratedFiles();

        // Act and assert
        await AssertEditIsByteIdenticalOutsideTheEditedSpans(files.PathOf(GeneratedSamples.Yaml), files.Keys);
    }

    /// <summary>Sets one string at <paramref name="path"/> in the file and returns its text before and after; the file must still decrypt, MAC verified, to the new value.</summary>
    internal static async Task<(string Before, string After)> SetAsync(string file, IReadOnlyList<AgeIdentity> keys, string path, string value)
    {
        var before = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        await SopsFiles.SetStringsAsync(file, keys, new Dictionary<string, string> { [path] = value }, TestClock.Create(), TestContext.Current.CancellationToken);
        var decrypted = SopsFiles.Decrypt(file, keys);
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(value, decrypted.ToFlatDictionary()[path]);
        return (before, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    /// <summary>Every changed line starts with one of <paramref name="allowed"/>, and the first of them (the value's line) did change.</summary>
    internal static void AssertOnlyTheseLinesChanged(string before, string after, params string[] allowed)
    {
        var changed = TestFiles.ChangedLines(before, after);
        var lines = after.Split('\n');
        Assert.All(changed, i => Assert.Contains(allowed, a => lines[i].TrimStart().StartsWith(a, StringComparison.Ordinal)));
        Assert.Contains(changed, i => lines[i].TrimStart().StartsWith(allowed[0], StringComparison.Ordinal));
    }

    [Fact]
    public void Setting_an_unchanged_file_twice_uses_fresh_ivs_for_the_changed_value_only()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Yaml);

        // Act
        var first = file.SetValues(files.Keys, [new(SopsPath.Parse("app2.db.user"), SopsScalar.Of("same"))], TestClock.Now);
        var second = file.SetValues(files.Keys, [new(SopsPath.Parse("app2.db.user"), SopsScalar.Of("same"))], TestClock.Now);

        // Assert
        var line = TestFiles.LineOf(first, "user:");
        Assert.NotEqual(first.Split('\n')[line], second.Split('\n')[line]);
        Assert.Equal(file.Text.Split('\n')[TestFiles.LineOf(first, "password:")], first.Split('\n')[TestFiles.LineOf(first, "password:")]);
    }

    [Fact]
    public void Setting_typed_values_keeps_their_sops_type()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Yaml);

        // Act
        var text = file.SetValues(files.Keys, [new(SopsPath.Parse("number"), SopsScalar.Of(42L)), new(SopsPath.Parse("somebooleans[1]"), SopsScalar.Of(true))], TestClock.Now);
        var decrypted = SopsFile.Parse(text, "example.yaml", SopsFormat.Yaml).Decrypt(files.Keys);

        // Assert
        Assert.Contains("type:int]", text, StringComparison.Ordinal);
        Assert.Equal(42L, ((SopsScalar)decrypted.Find(SopsPath.Parse("number"))!).Value);
        Assert.Equal(true, ((SopsScalar)decrypted.Find(SopsPath.Parse("somebooleans[1]"))!).Value);
    }

    [Fact]
    public void Adding_a_new_key_rewrites_the_file_keeping_the_other_ciphertexts()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Yaml);
        var userLine = file.Text.Split('\n')[TestFiles.LineOf(file.Text, "user:")];

        // Act
        var text = file.SetValues(files.Keys, [new(SopsPath.Parse("app2.db.host"), SopsScalar.Of("db.internal"))], TestClock.Now);
        var decrypted = SopsFile.Parse(text, "example.yaml", SopsFormat.Yaml).Decrypt(files.Keys);

        // Assert
        Assert.Equal("db.internal", decrypted.ToFlatDictionary()["app2.db.host"]);
        Assert.Contains(userLine, text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Setting_a_missing_nested_path_fails_and_leaves_the_file_unchanged()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.PathOf(GeneratedSamples.Yaml);
        var before = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAsync<SopsException>(() =>
            SopsFiles.SetStringsAsync(file, files.Keys, new Dictionary<string, string> { ["no.such.parent"] = "x" }, TestClock.Create(), TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(SopsErrorKind.Unsupported, error.Kind);
        Assert.Equal(before, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
    }

    /// <summary>Sets <c>myapp1</c> in a YAML file and checks that the text between the edited spans (the value, lastmodified, mac) is unchanged, byte for byte.</summary>
    internal static async Task AssertEditIsByteIdenticalOutsideTheEditedSpans(string file, IReadOnlyList<AgeIdentity> keys)
    {
        var before = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var original = SopsFile.Load(file);
        var target = (SopsScalar)SopsDecryptedFile.Navigate(original.Document.Branches[0], SopsPath.Parse("myapp1"))!;
        var spans = original.Document.MetadataScalars.Where(s => s.Key is "lastmodified" or "mac").Select(s => s.Value.Span!.Value).Append(target.Span!.Value).OrderBy(s => s.Start).ToList();

        await SopsFiles.SetStringsAsync(file, keys, new Dictionary<string, string> { ["myapp1"] = "changed" }, TestClock.Create(), TestContext.Current.CancellationToken);
        var after = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var gaps = new List<(int Start, int End)>();
        var position = 0;
        foreach (var span in spans)
        {
            gaps.Add((position, span.Start));
            position = span.End;
        }

        var tail = before[position..];
        Assert.EndsWith(tail, after, StringComparison.Ordinal);
        Assert.StartsWith(before[..spans[0].Start], after, StringComparison.Ordinal);
        var cursor = 0;
        foreach (var (start, end) in gaps)
        {
            var piece = before[start..end];
            var found = after.IndexOf(piece, cursor, StringComparison.Ordinal);
            Assert.True(found >= cursor, "a stretch of the file outside the edited values changed");
            cursor = found + piece.Length;
        }
    }
}
