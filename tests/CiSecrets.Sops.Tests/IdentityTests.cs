using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class IdentityTests
{
    [Fact]
    public void Identities_come_from_SOPS_AGE_KEY()
    {
        // Arrange
        var first = AgeIdentity.Generate();
        var second = AgeIdentity.Generate();
        var key = $"# created: 2024-01-01T00:00:00Z\n# public key: {first.Recipient.Text}\n{first.ExportSecret()}\n\n{second.ExportSecret()}\n";
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY"] = key }, "/", TestClock.Create());

        // Act
        var identities = AgeIdentities.Load(environment);

        // Assert
        Assert.Equal([first.Recipient, second.Recipient], identities.Select(i => i.Recipient).ToArray());
    }

    [Fact]
    public void Identities_come_from_SOPS_AGE_KEY_FILE_relative_to_the_working_directory()
    {
        // Arrange
        using var temp = new TempDirectory();
        var identity = AgeIdentity.Generate();
        Directory.CreateDirectory(temp.Combine("keys"));
        File.WriteAllText(temp.Combine("keys", "generated-age-key.txt"), identity.ExportSecret() + "\n");
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = "keys/generated-age-key.txt" }, temp.Path, TestClock.Create());

        // Act
        var identities = AgeIdentities.Load(environment);

        // Assert
        Assert.Equal(identity.Recipient, Assert.Single(identities).Recipient);
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
    public void An_age_file_opens_with_its_identity_and_not_with_another()
    {
        // Arrange
        var identity = AgeIdentity.Generate();
        var armored = AgeEncryption.EncryptArmored("data"u8.ToArray(), [identity.Recipient]);

        // Act
        var plaintext = AgeEncryption.Decrypt(armored, [identity]);
        var none = AgeEncryption.Decrypt(armored, [AgeIdentity.Generate()]);

        // Assert
        Assert.Equal("data"u8.ToArray(), plaintext);
        Assert.Null(none);
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
