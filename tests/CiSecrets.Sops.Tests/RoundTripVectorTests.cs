using System.Text;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// External interop group: the reference implementation's plaintexts encrypt to its MACs and decrypt to its
/// expected trees, and every ciphertext of files sops wrote is reproduced from its data key (same AAD, same
/// encoding). The same round trips on plaintexts of our own are in <see cref="RoundTripTests"/>.
/// </summary>
public sealed class RoundTripVectorTests
{
    private readonly AgeIdentity _identity = AgeIdentity.Generate();

    [Fact]
    public void Yaml_types_vector_plaintext_encrypts_and_decrypts_to_the_expected_tree()
    {
        // Arrange
        var plain = File.ReadAllText(Vectors.PathOf("generated/types.plain.yaml"));

        // Act
        var encrypted = TestFiles.Encrypt(plain, SopsFormat.Yaml, TestFiles.RuleFor(_identity), "types.yaml");
        var decrypted = SopsFile.Parse(encrypted, "types.yaml", SopsFormat.Yaml).Decrypt([_identity]);

        // Assert
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(Vectors.Expected("generated/types.enc.yaml").Mac, decrypted.ComputedMac);
        Assert.Null(TreeJson.Difference(decrypted.Branches[0], Vectors.ReadJson("generated/types.expected.json")));
        Assert.DoesNotContain("hello world", encrypted, StringComparison.Ordinal);
        Assert.Contains("kept_unencrypted: plain text", encrypted, StringComparison.Ordinal);
    }


    [Fact]
    public void Yaml_types_vector_decrypted_output_parses_back_to_the_same_tree()
    {
        // Arrange
        var decrypted = SopsFile.Load(Vectors.PathOf("generated/types.enc.yaml")).Decrypt(Vectors.AgeKeys);

        // Act
        var text = Encoding.UTF8.GetString(decrypted.ToPlaintext());
        var reencrypted = TestFiles.Encrypt(text, SopsFormat.Yaml, TestFiles.RuleFor(_identity));
        var again = SopsFile.Parse(reencrypted, "again.yaml", SopsFormat.Yaml).Decrypt([_identity]);

        // Assert (yaml.v3 writes float64(1000) as 1000, read back as an int: same MAC, as with sops)
        Assert.Equal(decrypted.ComputedMac, again.ComputedMac);
        Assert.Null(TreeJson.Difference(again.Branches[0], Vectors.ReadJson("generated/types.expected.json")));
    }


    [Fact]
    public void Kubernetes_secret_vector_plaintext_round_trips_to_the_reference_MAC()
    {
        // Arrange
        var plain = File.ReadAllText(Vectors.PathOf("generated/k8s-secret.plain.yaml"));
        var rule = SopsCreationRule.ForAge([_identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$", MacOnlyEncrypted = true });

        // Act
        var encrypted = TestFiles.Encrypt(plain, SopsFormat.Yaml, rule);
        var file = SopsFile.Parse(encrypted, "secret.yaml", SopsFormat.Yaml);
        var decrypted = file.Decrypt([_identity]);

        // Assert
        Assert.Equal(Vectors.Expected("generated/k8s-secret.mac-only-encrypted.enc.yaml").Mac, decrypted.ComputedMac);
        Assert.Null(TreeJson.Difference(decrypted.Branches[0], Vectors.ReadJson("generated/k8s-secret.mac-only-encrypted.expected.json")));
        Assert.Contains("kind: Secret", encrypted, StringComparison.Ordinal);
        Assert.True(file.Metadata!.Rules.MacOnlyEncrypted);
        Assert.Equal("^(data|stringData)$", file.Metadata.Rules.EncryptedRegex);
    }


    [Fact]
    public void Json_vector_plaintext_with_unencrypted_regex_round_trips_to_the_reference_MAC()
    {
        // Arrange
        var plain = File.ReadAllText(Vectors.PathOf("generated/app.plain.json"));
        var rule = SopsCreationRule.ForAge([_identity.Recipient], new EncryptionRules { UnencryptedRegex = "^(service|tags)$" });

        // Act
        var encrypted = TestFiles.Encrypt(plain, SopsFormat.Json, rule);
        var decrypted = SopsFile.Parse(encrypted, "app.json", SopsFormat.Json).Decrypt([_identity]);

        // Assert
        Assert.Equal(Vectors.Expected("generated/app.unencrypted-regex.enc.json").Mac, decrypted.ComputedMac);
        Assert.Null(TreeJson.Difference(decrypted.Branches[0], Vectors.ReadJson("generated/app.unencrypted-regex.expected.json")));
        Assert.EndsWith("}\n", encrypted, StringComparison.Ordinal);
    }


    [Fact]
    public void Dotenv_vector_plaintext_round_trips_to_the_reference_MAC()
    {
        // Arrange
        var plain = File.ReadAllText(Vectors.PathOf("generated/app.plain.env"));

        // Act
        var encrypted = TestFiles.Encrypt(plain, SopsFormat.Dotenv, TestFiles.RuleFor(_identity));
        var decrypted = SopsFile.Parse(encrypted, "app.env", SopsFormat.Dotenv).Decrypt([_identity]);

        // Assert
        Assert.Equal(Vectors.Expected("generated/app.enc.env").Mac, decrypted.ComputedMac);
        Assert.Null(TreeJson.Difference(decrypted.Branches[0], Vectors.ReadJson("generated/app.env.expected.json")));
        Assert.Equal(plain, Encoding.UTF8.GetString(decrypted.ToPlaintext()));
        Assert.Contains("sops_age__list_0__map_recipient=" + _identity.Recipient.Text, encrypted, StringComparison.Ordinal);
    }


    [Fact]
    public void Multi_document_vector_plaintext_round_trips_to_the_reference_MAC()
    {
        // Arrange
        var plain = File.ReadAllText(Vectors.PathOf("generated/multidoc.plain.yaml"));

        // Act
        var encrypted = TestFiles.Encrypt(plain, SopsFormat.Yaml, TestFiles.RuleFor(_identity));
        var decrypted = SopsFile.Parse(encrypted, "multi.yaml", SopsFormat.Yaml).Decrypt([_identity]);

        // Assert
        Assert.Equal(Vectors.Expected("generated/multidoc.enc.yaml").Mac, decrypted.ComputedMac);
        Assert.Equal(2, encrypted.Split('\n').Count(l => l == "sops:"));
    }


    [Theory]
    [InlineData("pr1031-age/example.yaml")]
    [InlineData("pr1031-age/example.json")]
    [InlineData("pr1031-age/example.ini")]
    [InlineData("generated/types.enc.yaml")]
    [InlineData("generated/app.enc.env")]
    public void Reencrypting_a_vector_with_its_data_key_reproduces_every_ciphertext(string relative)
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf(relative));
        var decrypted = file.Decrypt(Vectors.AgeKeys);

        // Act
        var reencrypted = decrypted.Branches.Select(b => TreeCrypto.EncryptBranch(b, file.Metadata!.EffectiveRules, decrypted.Cipher)).ToList();

        // Assert: same key, same IV, same plaintext bytes and same AAD give identical ENC strings.
        var original = RoundTripTests.Leaves(file.Document.Branches);
        Assert.Equal(original, RoundTripTests.Leaves(reencrypted));
        Assert.Contains(original, l => l.Contains("ENC[", StringComparison.Ordinal));
    }
}
