using System.Security.Cryptography;
using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Sops.Tests.Interop;

using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class RoundTripTests
{
    private readonly AgeIdentity _identity = AgeIdentity.Generate();

    [Fact]
    public void Yaml_types_encrypt_and_decrypt_to_the_same_typed_tree()
    {
        // Arrange
        using var files = new GeneratedFiles();

        // Act
        var encrypted = files.Text(GeneratedSamples.Types);
        var decrypted = files.Load(GeneratedSamples.Types).Decrypt(files.Keys);

        // Assert: yaml.v3 typing, and the independent verifier finds the same MAC over the typed values.
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(
            [ScalarKind.Int, ScalarKind.Int, ScalarKind.Int, ScalarKind.Float, ScalarKind.Float, ScalarKind.String, ScalarKind.Bool, ScalarKind.Null, ScalarKind.String, ScalarKind.Time],
            new[] { "int", "negative", "hex", "float", "exponent", "yes_is_a_string", "bool", "nothing", "empty", "date" }.Select(k => ((SopsScalar)decrypted.Find(SopsPath.Parse(k))!).Kind));
        Assert.Equal(31L, ((SopsScalar)decrypted.Find(SopsPath.Parse("hex"))!).Value);
        Assert.Equal("line one\nline two\n", decrypted.ToFlatDictionary()["multi"]);
        Assert.Equal("héllo wörld", decrypted.ToFlatDictionary()["unicode"]);
        Assert.DoesNotContain("hello world", encrypted, StringComparison.Ordinal);
        Assert.Contains("kept_unencrypted: plain text", encrypted, StringComparison.Ordinal);
        AssertVerifierReads(files, GeneratedSamples.Types, new() { ["key with spaces"] = "hello world", ["nested[0][0]"] = "inner", ["nested[1].map"] = "value", ["kept_unencrypted"] = "plain text" });
    }

    [Fact]
    public void Yaml_decrypted_output_parses_back_to_the_same_tree()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var decrypted = files.Load(GeneratedSamples.Types).Decrypt(files.Keys);

        // Act
        var text = Encoding.UTF8.GetString(decrypted.ToPlaintext());
        var reencrypted = TestFiles.Encrypt(text, SopsFormat.Yaml, TestFiles.RuleFor(_identity));
        var again = SopsFile.Parse(reencrypted, "again.yaml", SopsFormat.Yaml).Decrypt([_identity]);

        // Assert (yaml.v3 writes float64(1000) as 1000, read back as an int: same MAC, as with sops)
        Assert.Equal(decrypted.ComputedMac, again.ComputedMac);
        Assert.Equal(decrypted.ToFlatDictionary(), again.ToFlatDictionary());
    }

    [Fact]
    public void Kubernetes_secret_with_encrypted_regex_and_mac_only_encrypted_round_trips()
    {
        // Arrange
        using var files = new GeneratedFiles();

        // Act
        var encrypted = files.Text(GeneratedSamples.KubernetesManifest);
        var file = files.Load(GeneratedSamples.KubernetesManifest);
        var decrypted = file.Decrypt(files.Keys);

        // Assert
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(GeneratedSamples.KubernetesManifestText, Encoding.UTF8.GetString(decrypted.ToPlaintext()));
        Assert.Contains("kind: Secret", encrypted, StringComparison.Ordinal);
        Assert.Contains("name: db", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("k8s-token-not-a-secret", encrypted, StringComparison.Ordinal);
        Assert.True(file.Metadata!.Rules.MacOnlyEncrypted);
        Assert.Equal("^(data|stringData)$", file.Metadata.Rules.EncryptedRegex);
        AssertVerifierReads(files, GeneratedSamples.KubernetesManifest, new() { ["kind"] = "Secret", ["stringData.token"] = "k8s-token-not-a-secret", ["data.blob"] = "dmFsdWU=" });
    }

    [Fact]
    public void Json_with_unencrypted_regex_round_trips_and_keeps_int64_precision()
    {
        // Arrange
        using var files = new GeneratedFiles();

        // Act
        var encrypted = files.Text(GeneratedSamples.UnencryptedRegexJson);
        var decrypted = files.Load(GeneratedSamples.UnencryptedRegexJson).Decrypt(files.Keys);

        // Assert
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(9007199254740993L, ((SopsScalar)decrypted.Find(SopsPath.Parse("big"))!).Value);
        Assert.Equal(ScalarKind.Null, ((SopsScalar)decrypted.Find(SopsPath.Parse("none"))!).Kind);
        Assert.Contains("\"service\": \"api\"", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("json-token-not-a-secret", encrypted, StringComparison.Ordinal);
        Assert.EndsWith("}\n", encrypted, StringComparison.Ordinal);
        AssertVerifierReads(files, GeneratedSamples.UnencryptedRegexJson, new() { ["service"] = "api", ["tags[1]"] = "b", ["token"] = "json-token-not-a-secret" });
    }

    [Fact]
    public void Dotenv_round_trips_with_comments_escapes_and_untrimmed_keys()
    {
        // Arrange
        using var files = new GeneratedFiles();

        // Act
        var encrypted = files.Text(GeneratedSamples.Dotenv);
        var decrypted = files.Load(GeneratedSamples.Dotenv).Decrypt(files.Keys);

        // Assert
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(GeneratedSamples.DotenvText, Encoding.UTF8.GetString(decrypted.ToPlaintext()));
        Assert.Equal(" spaced value ", decrypted.ToFlatDictionary()["key with space "]);
        Assert.Contains("sops_age__list_0__map_recipient=" + files.First.Recipient.Text, encrypted, StringComparison.Ordinal);
        AssertVerifierReads(files, GeneratedSamples.Dotenv, new() { ["DB_PASSWORD"] = "env-db-not-a-secret", ["MULTI"] = "line1\nline2", ["EMPTY"] = "", ["key with space "] = " spaced value " });
    }

    [Fact]
    public void Multi_document_yaml_round_trips_with_metadata_in_every_document()
    {
        // Arrange
        using var files = new GeneratedFiles();

        // Act
        var encrypted = files.Text(GeneratedSamples.MultiDocument);
        var decrypted = files.Load(GeneratedSamples.MultiDocument).Decrypt(files.Keys);

        // Assert
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(GeneratedSamples.MultiDocumentText, Encoding.UTF8.GetString(decrypted.ToPlaintext()));
        Assert.Equal(2, encrypted.Split('\n').Count(l => l == "sops:"));
        var verdict = NodeVerifier.Verify(files.PathOf(GeneratedSamples.MultiDocument), files.Second);
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        Assert.Equal(["one", "two"], [verdict.Documents[0]["first"], verdict.Documents[1]["second"]]);
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
        var encrypted = SopsEncryptor.Encrypt(content, SopsFormat.Binary, TestFiles.RuleFor(_identity), "blob.bin", TestClock.Now);
        var decrypted = SopsFile.Parse(encrypted, "blob.bin", SopsFormat.Binary).Decrypt([_identity]);

        // Assert
        Assert.Equal(content, decrypted.ToPlaintext());
        Assert.DoesNotContain("unencrypted_suffix", encrypted, StringComparison.Ordinal);
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
    [InlineData(GeneratedSamples.Yaml)]
    [InlineData(GeneratedSamples.Json)]
    [InlineData(GeneratedSamples.Ini)]
    [InlineData(GeneratedSamples.Types)]
    [InlineData(GeneratedSamples.Dotenv)]
    [InlineData(GeneratedSamples.KubernetesManifest)]
    public void Reencrypting_with_the_same_data_key_reproduces_every_ciphertext(string name)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(name);
        var decrypted = file.Decrypt(files.Keys);

        // Act
        var reencrypted = decrypted.Branches.Select(b => TreeCrypto.EncryptBranch(b, file.Metadata!.EffectiveRules, decrypted.Cipher)).ToList();

        // Assert: same key, same IV, same plaintext bytes and same AAD give identical ENC strings.
        var original = Leaves(file.Document.Branches);
        Assert.Equal(original, Leaves(reencrypted));
        Assert.Contains(original, l => l.Contains("ENC[", StringComparison.Ordinal));
    }

    /// <summary>The independent verifier opens the file with one identity, finds the MAC valid and reads these leaves.</summary>
    private static void AssertVerifierReads(GeneratedFiles files, string name, Dictionary<string, string> leaves)
    {
        var verdict = NodeVerifier.Verify(files.PathOf(name), files.First);
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        Assert.All(leaves, leaf => Assert.Equal(leaf.Value, verdict.Documents[0][leaf.Key]));
    }

    internal static List<string> Leaves(IEnumerable<SopsMapping> branches)
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
