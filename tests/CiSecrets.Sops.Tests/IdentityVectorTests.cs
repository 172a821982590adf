using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// External interop group: identities written by age-keygen and an age file written by age for sops' Go tests.
/// The recipient each key file states in its <c># public key:</c> comment is age-keygen's own derivation.
/// </summary>
public sealed class IdentityVectorTests
{
    [Theory]
    [InlineData("keys/age-keys.txt", 2)]
    [InlineData("keys/generated-age-key.txt", 1)]
    [InlineData("keys/age-mock/mock-identity.txt", 1)]
    public void Identities_from_SOPS_AGE_KEY_derive_the_public_keys_age_keygen_wrote(string relative, int count)
    {
        // Arrange
        var text = File.ReadAllText(Vectors.PathOf(relative));
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY"] = text }, "/", TestClock.Create());

        // Act
        var identities = AgeIdentities.Load(environment);

        // Assert
        Assert.Equal(count, identities.Count);
        Assert.Equal(PublicKeyComments(text), identities.Select(i => i.Recipient.Text));
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
    }

    private static IEnumerable<string> PublicKeyComments(string text) =>
        text.Split('\n').Where(l => l.StartsWith("# public key: ", StringComparison.Ordinal)).Select(l => l["# public key: ".Length..].Trim());
}
