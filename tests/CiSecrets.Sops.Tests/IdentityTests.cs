using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class IdentityTests
{
    [Fact]
    public void Identities_come_from_SOPS_AGE_KEY()
    {
        // Arrange
        var key = File.ReadAllText(Vectors.PathOf("keys/age-keys.txt"));
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY"] = key }, "/", TestClock.Create());

        // Act
        var identities = AgeIdentities.Load(environment);

        // Assert
        Assert.Equal(2, identities.Count);
        Assert.Equal("age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw", identities[0].Recipient.Text);
    }

    [Fact]
    public void Identities_come_from_SOPS_AGE_KEY_FILE_relative_to_the_working_directory()
    {
        // Arrange
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = "keys/generated-age-key.txt" }, Vectors.Root, TestClock.Create());

        // Act
        var identities = AgeIdentities.Load(environment);

        // Assert
        Assert.Equal("age17x4dmthpc5apxu28te8lrlknq0am59qzkuum8jagr5ysh9zcrfvs4caech", Assert.Single(identities).Recipient.Text);
    }

    [Fact]
    public void Identities_come_from_the_default_keys_file_under_XDG_CONFIG_HOME_then_HOME()
    {
        // Arrange
        using var temp = new TempDirectory();
        var xdg = temp.Combine("xdg", "sops", "age");
        var home = temp.Combine("home", ".config", "sops", "age");
        Directory.CreateDirectory(xdg);
        Directory.CreateDirectory(home);
        var first = AgeIdentity.Generate();
        var second = AgeIdentity.Generate();
        File.WriteAllText(Path.Combine(xdg, "keys.txt"), "# created: now\n" + first.ExportSecret() + "\n");
        File.WriteAllText(Path.Combine(home, "keys.txt"), second.ExportSecret() + "\n");

        // Act
        var fromXdg = AgeIdentities.Load(new DictionaryEnvironment(new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = temp.Combine("xdg"), ["HOME"] = temp.Combine("home") }, "/", TestClock.Create()));
        var fromHome = AgeIdentities.Load(new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = temp.Combine("home") }, "/", TestClock.Create()));

        // Assert
        Assert.Equal(first.Recipient, Assert.Single(fromXdg).Recipient);
        if (!OperatingSystem.IsMacOS() && !OperatingSystem.IsWindows())
        {
            Assert.Equal(second.Recipient, Assert.Single(fromHome).Recipient);
        }
    }

    [Fact]
    public void A_malformed_key_line_is_reported_by_line_without_echoing_it()
    {
        // Arrange
        var mangled = AgeIdentity.Generate().ExportSecret()[..40];
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY"] = "# comment\n" + mangled }, "/", TestClock.Create());

        // Act
        var error = Assert.Throws<InputException>(() => AgeIdentities.Load(environment));

        // Assert
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mangled, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mock_age_file_opens_with_its_identity_and_not_with_the_other()
    {
        // Arrange
        var armored = File.ReadAllText(Vectors.PathOf("keys/age-mock/mock-encrypted-key.age"));
        var identity = AgeIdentities.ParseFile(Vectors.PathOf("keys/age-mock/mock-identity.txt"));
        var other = AgeIdentities.ParseFile(Vectors.PathOf("keys/age-mock/mock-other-identity.txt"));

        // Act
        var plaintext = AgeEncryption.Decrypt(armored, identity);
        var none = AgeEncryption.Decrypt(armored, other);

        // Assert
        Assert.Equal("data"u8.ToArray(), plaintext);
        Assert.Null(none);
        Assert.Equal("age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun", identity[0].Recipient.Text);
    }

    [Fact]
    public void Age_encryption_round_trips_with_armor_and_several_recipients()
    {
        // Arrange
        var a = AgeIdentity.Generate();
        var b = AgeIdentity.Generate();
        var payload = System.Security.Cryptography.RandomNumberGenerator.GetBytes(70_000);

        // Act
        var armored = AgeEncryption.EncryptArmored(payload, [a.Recipient, b.Recipient]);

        // Assert
        Assert.Equal(payload, AgeEncryption.Decrypt(armored, [b]));
        Assert.Equal(payload, AgeEncryption.Decrypt(armored, [a]));
        Assert.EndsWith("-----END AGE ENCRYPTED FILE-----\n", armored, StringComparison.Ordinal);
        Assert.All(armored.Split('\n'), line => Assert.True(line.Length <= 64));
    }

    [Fact]
    public void Recipients_are_validated_by_their_bech32_checksum()
    {
        // Arrange
        var valid = AgeIdentity.Generate().Recipient.Text;
        var broken = valid[..^1] + (valid[^1] == 'q' ? 'p' : 'q');

        // Act
        var ok = AgeRecipient.TryParse(valid, out _);
        var bad = AgeRecipient.TryParse(broken, out _);

        // Assert
        Assert.True(ok);
        Assert.False(bad);
        Assert.Throws<InputException>(() => AgeRecipient.Parse(broken, ".sops.yaml"));
    }
}
