using System.Security.Cryptography;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Folded_comma_separated_lists_become_one_group_of_age_and_pgp_keys()
    {
        // Arrange
        using var temp = new TempDirectory();
        var age = new[] { AgeIdentity.Generate().Recipient.Text, AgeIdentity.Generate().Recipient.Text };
        var pgp = new[] { RandomNumberGenerator.GetHexString(40), RandomNumberGenerator.GetHexString(40) };
        var path = temp.Combine(".sops.yaml");
        File.WriteAllText(path, $"creation_rules:\n    - pgp: >-\n        {pgp[0]},\n        {pgp[1]}\n      age: >-\n        {age[0]},\n        {age[1]}\n");

        // Act
        var config = SopsConfig.Load(path);
        var rule = config.FindRule(temp.Combine("anything.yaml"));

        // Assert
        var group = Assert.Single(rule!.KeyGroups);
        Assert.Equal(["age:" + age[0], "age:" + age[1], "pgp:" + pgp[0], "pgp:" + pgp[1]], group.Keys.Select(k => k.ToString()).ToArray());
    }

    [Theory]
    [InlineData("grouped.yaml", 2, "first")]
    [InlineData("no_groups.yaml", 1, null)]
    [InlineData("some/other/file.json", 1, "first")]
    [InlineData("sub/grouped.yaml", 1, "first")]
    public void First_matching_rule_wins_relative_to_the_config_folder(string file, int groups, string? firstKey)
    {
        // Arrange: a rule with two groups, a rule without keys, a rule with empty key_groups, a catch-all last.
        using var temp = new TempDirectory();
        var first = AgeIdentity.Generate().Recipient.Text;
        var second = AgeIdentity.Generate().Recipient.Text;
        File.WriteAllText(temp.Combine(".sops.yaml"), $"""
            creation_rules:
                - path_regex: ^grouped\.yaml$
                  key_groups:
                  - age:
                    - {first}
                  - age:
                    - {second}
                - path_regex: no_groups.yaml
                - path_regex: zero_groups.yaml
                  key_groups: []
                - age: {first}
            """);
        var config = SopsConfig.Load(temp.Combine(".sops.yaml"));

        // Act
        var rule = config.FindRule(temp.Combine(file.Split('/')))!;

        // Assert
        Assert.Equal(groups, rule.KeyGroups.Count);
        Assert.Equal(firstKey is null ? null : "age:" + first, rule.KeyGroups[0].Keys.FirstOrDefault()?.ToString());
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

    [Fact(Timeout = 120_000)]
    public async Task Encrypting_by_config_uses_the_matching_rule()
    {
        // Arrange
        using var temp = new TempDirectory();
        var identity = AgeIdentity.Generate();
        await File.WriteAllTextAsync(temp.Combine(".sops.yaml"), $"creation_rules:\n  - path_regex: \\.env$\n    age: {identity.Recipient.Text}\n    encrypted_suffix: _SECRET\n", TestContext.Current.CancellationToken);
        var file = temp.Combine("app.env");
        await File.WriteAllTextAsync(file, "HOST=db\nPASSWORD_SECRET=hunter22\n", TestContext.Current.CancellationToken);

        // Act
        await SopsFiles.EncryptFileAsync(file, temp.Path, TestClock.Create(), CancellationToken.None);

        // Assert
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("HOST=db\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", text, StringComparison.Ordinal);
        Assert.Contains("sops_encrypted_suffix=_SECRET", text, StringComparison.Ordinal);
        Assert.Equal("hunter22", SopsFiles.Decrypt(file, [identity]).ToFlatDictionary()["PASSWORD_SECRET"]);
    }
}
