using CiSecrets.Sops.Age;
using CiSecrets.Sops.Tests.Interop;

using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class KeyManagementTests
{
    [Theory(Timeout = 120_000)]
    [InlineData(GeneratedSamples.Yaml)]
    [InlineData(GeneratedSamples.Json)]
    [InlineData(GeneratedSamples.Ini)]
    [InlineData(GeneratedSamples.Binary)]
    [InlineData(GeneratedSamples.Dotenv)]
    [InlineData(GeneratedSamples.Shamir)]
    public async Task Rotation_gives_a_new_data_key_and_the_same_plaintext(string name)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.PathOf(name);
        var recipients = SopsFile.Load(file).Recipients.Select(r => r.ToString()).ToList();
        var before = SopsFiles.Decrypt(file, files.AllKeys);

        // Act
        await SopsFiles.RotateAsync(file, files.AllKeys, TestClock.Create(), TestContext.Current.CancellationToken);

        // Assert: the same plaintext and recipients under a new data key, and the independent verifier agrees.
        var after = SopsFiles.Decrypt(file, files.AllKeys);
        Assert.NotEqual(before.DataKeyHex(), after.DataKeyHex());
        Assert.Equal(before.ComputedMac, after.ComputedMac);
        Assert.Equal(MacStatus.Verified, after.MacStatus);
        Assert.Equal(before.ToPlaintext(), after.ToPlaintext());
        Assert.Equal(recipients, SopsFile.Load(file).Recipients.Select(r => r.ToString()));
        var verdict = NodeVerifier.Verify(file, files.First, files.Second);
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
    }

    [Fact]
    public void Rotation_adds_and_removes_age_recipients()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Yaml);
        var added = AgeIdentity.Generate();

        // Act
        var text = file.Rotate(files.Keys, TestClock.Now, [added.Recipient], [files.Second.Recipient.Text]);
        var rotated = SopsFile.Parse(text, "example.yaml", SopsFormat.Yaml);

        // Assert
        Assert.Equal(MacStatus.Verified, rotated.Decrypt([added]).MacStatus);
        Assert.Equal(SopsErrorKind.NoMatchingKey, Assert.Throws<SopsException>(() => rotated.Decrypt([files.Second])).Kind);
        Assert.Equal([files.First.Recipient.Text, added.Recipient.Text], rotated.Recipients.Select(r => r.Identifier).ToArray());
        var keysBefore = file.Text.Split('\n').TakeWhile(l => l != "sops:").Select(l => l.Split(':')[0]);
        var keysAfter = text.Split('\n').TakeWhile(l => l != "sops:").Select(l => l.Split(':')[0]);
        Assert.Equal(keysBefore, keysAfter);
    }

    [Fact]
    public void Rotation_refuses_a_file_with_keys_it_cannot_wrap()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedFiles.PgpOnly);

        // Act
        var error = Assert.Throws<SopsException>(() => file.Rotate(files.Keys, TestClock.Now));

        // Assert
        Assert.Equal(SopsErrorKind.UnsupportedKeyType, error.Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task Updatekeys_rewraps_the_data_key_for_the_creation_rule_and_leaves_values_alone()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.PathOf(GeneratedSamples.Yaml);
        var original = SopsFile.Load(file);
        var dataKey = original.Decrypt(files.Keys).DataKeyHex();
        var newcomer = AgeIdentity.Generate();
        await File.WriteAllTextAsync(Path.Combine(files.Folder, ".sops.yaml"),
            $"creation_rules:\n    - path_regex: example\\.yaml$\n      age: >-\n        {files.First.Recipient.Text},\n        {newcomer.Recipient.Text}\n", TestContext.Current.CancellationToken);
        var before = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        var config = SopsConfig.Load(Path.Combine(files.Folder, ".sops.yaml"));

        // Act
        var changed = await SopsFiles.UpdateKeysAsync(file, files.Keys, config, TestContext.Current.CancellationToken);
        var again = await SopsFiles.UpdateKeysAsync(file, files.Keys, config, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(changed);
        Assert.False(again);
        var after = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(before[..before.IndexOf("sops:", StringComparison.Ordinal)], after[..after.IndexOf("sops:", StringComparison.Ordinal)]);
        var updated = SopsFile.Load(file);
        Assert.Equal(original.Metadata!.Mac, updated.Metadata!.Mac);
        Assert.Equal(dataKey, updated.Decrypt([newcomer]).DataKeyHex());
        Assert.Equal(SopsErrorKind.NoMatchingKey, Assert.Throws<SopsException>(() => updated.Decrypt([files.Second])).Kind);
    }

    [Fact]
    public void Updatekeys_moves_a_file_to_shamir_key_groups()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Json);
        var dataKey = file.Decrypt(files.Keys).DataKeyHex();
        var groups = files.AllKeys.Select(i => new SopsKeyGroup([SopsMasterKey.Age(i.Recipient.Text, "")])).ToList();

        // Act
        var text = file.UpdateKeys(files.Keys, groups, 2)!;
        var updated = SopsFile.Parse(text, "example.json", SopsFormat.Json);

        // Assert
        Assert.Equal(3, updated.Metadata!.KeyGroups.Count);
        Assert.Equal(2, updated.Metadata.ShamirThreshold);
        Assert.Equal(dataKey, updated.Decrypt([files.First, files.Third]).DataKeyHex());
        Assert.Equal(SopsErrorKind.ShamirThresholdNotMet, Assert.Throws<SopsException>(() => updated.Decrypt([files.Third])).Kind);
    }
}
