namespace CiSecrets.Sops.Tests;

/// <summary>External interop group: the sops repository's own <c>.sops.yaml</c> files. The same rules on configs written at run time are in <see cref="ConfigTests"/>.</summary>
public sealed class ConfigVectorTests
{
    [Fact]
    public void Sops_folded_comma_separated_lists_become_one_group_of_age_and_pgp_keys()
    {
        // Arrange
        var path = Vectors.PathOf("pr1031-age/.sops.yaml");

        // Act
        var config = SopsConfig.Load(path);
        var rule = config.FindRule(Path.Combine(Vectors.Root, "pr1031-age", "anything.yaml"));

        // Assert
        var group = Assert.Single(rule!.KeyGroups);
        Assert.Equal(
            [.. Vectors.AgeKeys.Reverse().Select(k => "age:" + k.Recipient.Text), .. PgpExampleFingerprints().Select(fp => "pgp:" + fp)],
            group.Keys.Select(k => k.ToString()).ToArray());
    }

    [Theory]
    [InlineData("test_roundtrip_keygroups.yaml", 2, true)]
    [InlineData("test_no_keygroups.yaml", 1, false)]
    [InlineData("some/other/file.json", 1, true)]
    public void Sops_functional_test_config_first_matching_rule_wins_relative_to_the_config_folder(string file, int groups, bool firstKeyIsPgpKey1)
    {
        // Arrange
        var config = SopsConfig.Load(Vectors.PathOf("head/functional-tests/.sops.yaml"));

        // Act
        var rule = config.FindRule(Path.Combine(Vectors.Root, "head", "functional-tests", file))!;

        // Assert
        Assert.Equal(groups, rule.KeyGroups.Count);
        Assert.Equal(firstKeyIsPgpKey1 ? "pgp:" + PgpExampleFingerprints()[0] : null, rule.KeyGroups[0].Keys.FirstOrDefault()?.ToString());
    }

    /// <summary>The fingerprints of sops' two functional-test PGP keys, as its own example file names them.</summary>
    private static string[] PgpExampleFingerprints() =>
        [.. SopsFile.Load(Vectors.PathOf("head/example.yaml")).Recipients.Where(r => r.Type == "pgp").Select(r => r.Identifier)];
}
