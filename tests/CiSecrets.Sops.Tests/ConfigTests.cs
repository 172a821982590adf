using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Folded_comma_separated_lists_become_one_group_of_age_and_pgp_keys()
    {
        // Arrange
        var path = Vectors.PathOf("pr1031-age/.sops.yaml");

        // Act
        var config = SopsConfig.Load(path);
        var rule = config.FindRule(Path.Combine(Vectors.Root, "pr1031-age", "anything.yaml"));

        // Assert
        var group = Assert.Single(rule!.KeyGroups);
        Assert.Equal(
            ["age:age1tmaae3ld5vpevmsh5yacsauzx8jetg300mpvc4ugp5zr5l6ssq9sla97ep", "age:age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw",
             "pgp:FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "pgp:D7229043384BCC60326C6FB9D8720D957C3D3074"],
            group.Keys.Select(k => k.ToString()).ToArray());
    }

    [Theory]
    [InlineData("test_roundtrip_keygroups.yaml", 2, "pgp:FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4")]
    [InlineData("test_no_keygroups.yaml", 1, null)]
    [InlineData("some/other/file.json", 1, "pgp:FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4")]
    public void First_matching_rule_wins_relative_to_the_config_folder(string file, int groups, string? firstKey)
    {
        // Arrange
        var config = SopsConfig.Load(Vectors.PathOf("head/functional-tests/.sops.yaml"));

        // Act
        var rule = config.FindRule(Path.Combine(Vectors.Root, "head", "functional-tests", file))!;

        // Assert
        Assert.Equal(groups, rule.KeyGroups.Count);
        Assert.Equal(firstKey, rule.KeyGroups[0].Keys.FirstOrDefault()?.ToString());
    }

    [Fact]
    public void Rule_options_and_key_groups_are_read()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine(".sops.yaml");
        File.WriteAllText(path, """
            creation_rules:
              - path_regex: ^k8s/.*\.yaml$
                encrypted_regex: ^(data|stringData)$
                mac_only_encrypted: true
                shamir_threshold: 2
                key_groups:
                  - age: [age1aaa, age1bbb]
                    hc_vault: [https://vault.example.com:8200/v1/transit/keys/sops]
                  - kms:
                      - arn: arn:aws:kms:eu-west-1:111122223333:key/abc
                        role: arn:aws:iam::111122223333:role/sops
                    merge:
                      - gcp_kms:
                          - resource_id: projects/p/locations/global/keyRings/r/cryptoKeys/k
              - age: age1ccc
            """);

        // Act
        var config = SopsConfig.Load(path);
        var k8s = config.FindRule(temp.Combine("k8s", "secret.yaml"))!;
        var other = config.FindRule(temp.Combine("app.env"))!;

        // Assert
        Assert.Equal("^(data|stringData)$", k8s.Rules.EncryptedRegex);
        Assert.True(k8s.Rules.MacOnlyEncrypted);
        Assert.Equal(2, k8s.ShamirThreshold);
        Assert.Equal(["age:age1aaa", "age:age1bbb", "hc_vault:https://vault.example.com:8200/v1/transit/keys/sops"], k8s.KeyGroups[0].Keys.Select(k => k.ToString()).ToArray());
        Assert.Equal(["kms:arn:aws:kms:eu-west-1:111122223333:key/abc", "gcp_kms:projects/p/locations/global/keyRings/r/cryptoKeys/k"], k8s.KeyGroups[1].Keys.Select(k => k.ToString()).ToArray());
        Assert.Equal("age:age1ccc", Assert.Single(Assert.Single(other.KeyGroups).Keys).ToString());
    }

    [Fact]
    public void A_rule_with_two_encryption_options_is_an_input_error()
    {
        // Arrange
        const string text = "creation_rules:\n  - age: age1x\n    encrypted_regex: a\n    unencrypted_suffix: _u\n";

        // Act
        var error = Assert.Throws<InputException>(() => SopsConfig.Parse(text, ".sops.yaml"));

        // Assert
        Assert.Contains(".sops.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypting_by_config_uses_the_matching_rule()
    {
        // Arrange
        using var temp = new TempDirectory();
        var identity = Sops.Age.AgeIdentity.Generate();
        await File.WriteAllTextAsync(temp.Combine(".sops.yaml"), $"creation_rules:\n  - path_regex: \\.env$\n    age: {identity.Recipient.Text}\n    encrypted_suffix: _SECRET\n", TestContext.Current.CancellationToken);
        var file = temp.Combine("app.env");
        await File.WriteAllTextAsync(file, "HOST=db\nPASSWORD_SECRET=hunter22\n", TestContext.Current.CancellationToken);

        // Act
        await SopsFiles.EncryptFileAsync(file, temp.Path, CancellationToken.None);

        // Assert
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("HOST=db\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", text, StringComparison.Ordinal);
        Assert.Contains("sops_encrypted_suffix=_SECRET", text, StringComparison.Ordinal);
        Assert.Equal("hunter22", SopsFiles.Decrypt(file, [identity]).ToFlatDictionary()["PASSWORD_SECRET"]);
    }
}
