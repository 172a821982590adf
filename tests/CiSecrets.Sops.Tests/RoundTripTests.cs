using System.Security.Cryptography;
using System.Text;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops.Tests;

public sealed class RoundTripTests
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
    public void Yaml_decrypted_output_parses_back_to_the_same_tree()
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
    public void Kubernetes_secret_with_encrypted_regex_and_mac_only_encrypted_round_trips()
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
    public void Json_with_unencrypted_regex_round_trips_and_keeps_int64_precision()
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
    public void Dotenv_round_trips_with_comments_escapes_and_untrimmed_keys()
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
    public void Ini_round_trips_sections_and_comments()
    {
        // Arrange
        const string plain = "; who\n[name]\nfirstName = John\nlastName  = Smith\n\n[not private]\nnotsecret_unencrypted = hi there!\n";

        // Act
        var encrypted = TestFiles.Encrypt(plain, SopsFormat.Ini, TestFiles.RuleFor(_identity));
        var decrypted = SopsFile.Parse(encrypted, "app.ini", SopsFormat.Ini).Decrypt([_identity]);

        // Assert
        Assert.Equal(plain, Encoding.UTF8.GetString(decrypted.ToPlaintext()));
        Assert.Contains("[sops]", encrypted, StringComparison.Ordinal);
        Assert.Contains("notsecret_unencrypted = hi there!", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", encrypted, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_file_round_trips_byte_exact()
    {
        // Arrange
        var content = RandomNumberGenerator.GetBytes(4096);

        // Act
        var encrypted = SopsEncryptor.Encrypt(content, SopsFormat.Binary, TestFiles.RuleFor(_identity), "blob.bin");
        var decrypted = SopsFile.Parse(encrypted, "blob.bin", SopsFormat.Binary).Decrypt([_identity]);

        // Assert
        Assert.Equal(content, decrypted.ToPlaintext());
        Assert.DoesNotContain("unencrypted_suffix", encrypted, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_document_yaml_round_trips_with_metadata_in_every_document()
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

    [Fact]
    public void Shamir_groups_encrypt_and_any_threshold_of_them_decrypts()
    {
        // Arrange
        var identities = new[] { AgeIdentity.Generate(), AgeIdentity.Generate(), AgeIdentity.Generate() };
        var rule = SopsCreationRule.ForAgeGroups(identities.Select(i => new[] { i.Recipient }), 2);

        // Act
        var encrypted = TestFiles.Encrypt("password: hunter2-but-longer\n", SopsFormat.Yaml, rule);
        var file = SopsFile.Parse(encrypted, "shamir.yaml", SopsFormat.Yaml);

        // Assert
        Assert.Equal(MacStatus.Verified, file.Decrypt([identities[0], identities[2]]).MacStatus);
        Assert.Equal(SopsErrorKind.ShamirThresholdNotMet, Assert.Throws<SopsException>(() => file.Decrypt([identities[1]])).Kind);
        Assert.Contains("shamir_threshold: 2", encrypted, StringComparison.Ordinal);
        Assert.Contains("hc_vault: []", encrypted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pr1031-age/example.yaml")]
    [InlineData("pr1031-age/example.json")]
    [InlineData("pr1031-age/example.ini")]
    [InlineData("generated/types.enc.yaml")]
    [InlineData("generated/app.enc.env")]
    public void Reencrypting_with_the_same_data_key_reproduces_every_ciphertext(string relative)
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf(relative));
        var decrypted = file.Decrypt(Vectors.AgeKeys);

        // Act
        var reencrypted = decrypted.Branches.Select(b => TreeCrypto.EncryptBranch(b, file.Metadata!.EffectiveRules, decrypted.Cipher)).ToList();

        // Assert: same key, same IV, same plaintext bytes and same AAD give identical ENC strings.
        var original = Leaves(file.Document.Branches);
        Assert.Equal(original, Leaves(reencrypted));
        Assert.Contains(original, l => l.Contains("ENC[", StringComparison.Ordinal));
    }

    private static List<string> Leaves(IEnumerable<SopsMapping> branches)
    {
        var leaves = new List<string>();
        foreach (var branch in branches)
        {
            Collect(branch, leaves);
        }

        return leaves;
    }

    private static void Collect(SopsNode node, List<string> leaves)
    {
        switch (node)
        {
            case SopsMapping m:
                m.Items.ForEach(i => Collect(i is SopsEntry e ? e.Value : i, leaves));
                break;
            case SopsSequence s:
                s.Items.ForEach(i => Collect(i, leaves));
                break;
            case SopsComment c:
                leaves.Add("#" + c.Text);
                break;
            case SopsScalar scalar:
                leaves.Add(scalar.Kind + ":" + DotenvStore.ScalarText(scalar));
                break;
        }
    }
}
