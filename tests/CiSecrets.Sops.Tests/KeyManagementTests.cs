using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class KeyManagementTests
{
    [Theory]
    [InlineData("pr1031-age/example.yaml")]
    [InlineData("pr1031-age/example.json")]
    [InlineData("pr1031-age/example.ini")]
    [InlineData("pr1031-age/example.txt")]
    [InlineData("generated/app.enc.env")]
    [InlineData("generated/shamir-3groups-threshold2.enc.yaml")]
    public async Task Rotation_gives_a_new_data_key_and_the_same_plaintext(string relative)
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine(Path.GetFileName(relative));
        File.Copy(Vectors.PathOf(relative), file);
        var before = SopsFiles.Decrypt(file, Vectors.AllAgeKeys);

        // Act
        await SopsFiles.RotateAsync(file, Vectors.AllAgeKeys, CancellationToken.None);

        // Assert
        var after = SopsFiles.Decrypt(file, Vectors.AllAgeKeys);
        Assert.NotEqual(before.DataKeyHex(), after.DataKeyHex());
        Assert.Equal(before.ComputedMac, after.ComputedMac);
        Assert.Equal(MacStatus.Verified, after.MacStatus);
        Assert.Equal(before.ToPlaintext(), after.ToPlaintext());
        Assert.Equal(
            SopsFile.Load(Vectors.PathOf(relative)).Recipients.Select(r => r.ToString()),
            SopsFile.Load(file).Recipients.Select(r => r.ToString()));
    }

    [Fact]
    public void Rotation_adds_and_removes_age_recipients()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("pr1031-age/example.yaml"));
        var added = AgeIdentity.Generate();
        var removed = Vectors.AgeKeys[1].Recipient.Text;

        // Act
        var text = file.Rotate(Vectors.AgeKeys, [added.Recipient], [removed]);
        var rotated = SopsFile.Parse(text, "example.yaml", SopsFormat.Yaml);

        // Assert
        Assert.Equal(MacStatus.Verified, rotated.Decrypt([added]).MacStatus);
        Assert.Equal(SopsErrorKind.NoMatchingKey, Assert.Throws<SopsException>(() => rotated.Decrypt([Vectors.AgeKeys[1]])).Kind);
        Assert.Equal([Vectors.AgeKeys[0].Recipient.Text, added.Recipient.Text], rotated.Recipients.Select(r => r.Identifier).ToArray());
        var keysBefore = file.Text.Split('\n').TakeWhile(l => l != "sops:").Select(l => l.Split(':')[0]);
        var keysAfter = text.Split('\n').TakeWhile(l => l != "sops:").Select(l => l.Split(':')[0]);
        Assert.Equal(keysBefore, keysAfter);
    }

    [Fact]
    public void Rotation_refuses_a_file_with_keys_it_cannot_wrap()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("head/example.yaml"));

        // Act
        var error = Assert.Throws<SopsException>(() => file.Rotate(Vectors.AgeKeys));

        // Assert
        Assert.Equal(SopsErrorKind.UnsupportedKeyType, error.Kind);
    }

    [Fact]
    public async Task Updatekeys_rewraps_the_data_key_for_the_creation_rule_and_leaves_values_alone()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("secrets.yaml");
        File.Copy(Vectors.PathOf("pr1031-age/example.yaml"), file);
        var newcomer = AgeIdentity.Generate();
        await File.WriteAllTextAsync(temp.Combine(".sops.yaml"),
            $"creation_rules:\n    - path_regex: secrets\\.yaml$\n      age: >-\n        {Vectors.AgeKeys[0].Recipient.Text},\n        {newcomer.Recipient.Text}\n", TestContext.Current.CancellationToken);
        var before = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var config = SopsConfig.Load(temp.Combine(".sops.yaml"));

        // Act
        var changed = await SopsFiles.UpdateKeysAsync(file, Vectors.AgeKeys, config, CancellationToken.None);
        var again = await SopsFiles.UpdateKeysAsync(file, Vectors.AgeKeys, config, CancellationToken.None);

        // Assert
        Assert.True(changed);
        Assert.False(again);
        var after = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(before[..before.IndexOf("sops:", StringComparison.Ordinal)], after[..after.IndexOf("sops:", StringComparison.Ordinal)]);
        var updated = SopsFile.Load(file);
        Assert.Equal(SopsFile.Load(Vectors.PathOf("pr1031-age/example.yaml")).Metadata!.Mac, updated.Metadata!.Mac);
        Assert.Equal(Vectors.Expected("pr1031-age/example.yaml").DataKeyHex, updated.Decrypt([newcomer]).DataKeyHex());
        Assert.Equal(SopsErrorKind.NoMatchingKey, Assert.Throws<SopsException>(() => updated.Decrypt([Vectors.AgeKeys[1]])).Kind);
    }

    [Fact]
    public void Updatekeys_moves_a_file_to_shamir_key_groups()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("pr1031-age/example.json"));
        var groups = Vectors.AllAgeKeys.Select(i => new SopsKeyGroup([SopsMasterKey.Age(i.Recipient.Text, "")])).ToList();

        // Act
        var text = file.UpdateKeys(Vectors.AgeKeys, groups, 2)!;
        var updated = SopsFile.Parse(text, "example.json", SopsFormat.Json);

        // Assert
        Assert.Equal(3, updated.Metadata!.KeyGroups.Count);
        Assert.Equal(2, updated.Metadata.ShamirThreshold);
        Assert.Equal(Vectors.Expected("pr1031-age/example.json").DataKeyHex, updated.Decrypt([Vectors.AllAgeKeys[0], Vectors.AllAgeKeys[2]]).DataKeyHex());
    }
}
