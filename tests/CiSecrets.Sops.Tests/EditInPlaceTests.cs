using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class EditInPlaceTests
{
    [Theory]
    [InlineData("pr1031-age/example.yaml", "app2.db.password", "password:", "lastmodified:", "mac:")]
    [InlineData("pr1031-age/example.json", "firstName", "\"firstName\":", "\"lastmodified\":", "\"mac\":")]
    [InlineData("pr1031-age/example.ini", "address.city", "city ", "lastmodified ", "mac ")]
    [InlineData("generated/app.enc.env", "DB_PASSWORD", "DB_PASSWORD=", "sops_lastmodified=", "sops_mac=")]
    [InlineData("generated/multidoc.enc.yaml", "first", "first:", "lastmodified:", "mac:")]
    public async Task Setting_a_value_changes_only_that_value_lastmodified_and_mac(string relative, string path, string valueLine, string lastModifiedLine, string macLine)
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine(Path.GetFileName(relative));
        File.Copy(Vectors.PathOf(relative), file);
        var before = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);

        // Act
        await SopsFiles.SetStringsAsync(file, Vectors.AgeKeys, new Dictionary<string, string> { [path] = "a-brand-new-value" }, CancellationToken.None);

        // Assert
        var after = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var changed = TestFiles.ChangedLines(before, after);
        var allowed = new[] { valueLine, lastModifiedLine, macLine };
        Assert.All(changed, i => Assert.Contains(allowed, a => after.Split('\n')[i].TrimStart().StartsWith(a, StringComparison.Ordinal)));
        Assert.Contains(changed, i => after.Split('\n')[i].TrimStart().StartsWith(valueLine, StringComparison.Ordinal));
        var decrypted = SopsFiles.Decrypt(file, Vectors.AgeKeys);
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal("a-brand-new-value", decrypted.ToFlatDictionary()[path]);
        Assert.Equal(Vectors.Expected(relative).DataKeyHex, decrypted.DataKeyHex());
    }

    [Fact]
    public async Task Edited_yaml_is_byte_identical_outside_the_edited_spans()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("example.yaml");
        File.Copy(Vectors.PathOf("pr1031-age/example.yaml"), file);
        var before = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var original = SopsFile.Load(file);
        var target = (SopsScalar)SopsDecryptedFile.Navigate(original.Document.Branches[0], SopsPath.Parse("myapp1"))!;
        var spans = original.Document.MetadataScalars.Where(s => s.Key is "lastmodified" or "mac").Select(s => s.Value.Span!.Value).Append(target.Span!.Value).OrderBy(s => s.Start).ToList();

        // Act
        await SopsFiles.SetStringsAsync(file, Vectors.AgeKeys, new Dictionary<string, string> { ["myapp1"] = "changed" }, CancellationToken.None);

        // Assert: the text between the three spans is unchanged, byte for byte.
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

    [Fact]
    public void Setting_an_unchanged_file_twice_uses_fresh_ivs_for_the_changed_value_only()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("pr1031-age/example.yaml"));

        // Act
        var first = file.SetValues(Vectors.AgeKeys, [new(SopsPath.Parse("app2.db.user"), SopsScalar.Of("same"))]);
        var second = file.SetValues(Vectors.AgeKeys, [new(SopsPath.Parse("app2.db.user"), SopsScalar.Of("same"))]);

        // Assert
        var line = TestFiles.LineOf(first, "user:");
        Assert.NotEqual(first.Split('\n')[line], second.Split('\n')[line]);
        Assert.Equal(file.Text.Split('\n')[TestFiles.LineOf(first, "password:")], first.Split('\n')[TestFiles.LineOf(first, "password:")]);
    }

    [Fact]
    public void Setting_typed_values_keeps_their_sops_type()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("pr1031-age/example.yaml"));

        // Act
        var text = file.SetValues(Vectors.AgeKeys, [new(SopsPath.Parse("number"), SopsScalar.Of(42L)), new(SopsPath.Parse("somebooleans[1]"), SopsScalar.Of(true))]);
        var decrypted = SopsFile.Parse(text, "example.yaml", SopsFormat.Yaml).Decrypt(Vectors.AgeKeys);

        // Assert
        Assert.Contains("type:int]", text, StringComparison.Ordinal);
        Assert.Equal(42L, ((SopsScalar)decrypted.Find(SopsPath.Parse("number"))!).Value);
        Assert.Equal(true, ((SopsScalar)decrypted.Find(SopsPath.Parse("somebooleans[1]"))!).Value);
    }

    [Fact]
    public void Adding_a_new_key_rewrites_the_file_keeping_the_other_ciphertexts()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("pr1031-age/example.yaml"));
        var userLine = file.Text.Split('\n')[TestFiles.LineOf(file.Text, "user:")];

        // Act
        var text = file.SetValues(Vectors.AgeKeys, [new(SopsPath.Parse("app2.db.host"), SopsScalar.Of("db.internal"))]);
        var decrypted = SopsFile.Parse(text, "example.yaml", SopsFormat.Yaml).Decrypt(Vectors.AgeKeys);

        // Assert
        Assert.Equal("db.internal", decrypted.ToFlatDictionary()["app2.db.host"]);
        Assert.Contains(userLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_a_missing_nested_path_fails_and_leaves_the_file_unchanged()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("example.yaml");
        File.Copy(Vectors.PathOf("pr1031-age/example.yaml"), file);
        var before = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAsync<SopsException>(() =>
            SopsFiles.SetStringsAsync(file, Vectors.AgeKeys, new Dictionary<string, string> { ["no.such.parent"] = "x" }, CancellationToken.None));

        // Assert
        Assert.Equal(SopsErrorKind.Unsupported, error.Kind);
        Assert.Equal(before, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
    }
}
