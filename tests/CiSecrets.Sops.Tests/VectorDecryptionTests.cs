namespace CiSecrets.Sops.Tests;

public sealed class VectorDecryptionTests
{
    public static TheoryData<string, string> GeneratedVectors => new()
    {
        { "generated/types.enc.yaml", "generated/types.expected.json" },
        { "generated/shamir-3groups-threshold2.enc.yaml", "generated/shamir-3groups-threshold2.expected.json" },
        { "generated/k8s-secret.mac-only-encrypted.enc.yaml", "generated/k8s-secret.mac-only-encrypted.expected.json" },
        { "generated/app.unencrypted-regex.enc.json", "generated/app.unencrypted-regex.expected.json" },
        { "generated/app.enc.env", "generated/app.env.expected.json" },
        { "generated/multidoc.enc.yaml", "generated/multidoc.expected.json" },
    };

    [Theory]
    [MemberData(nameof(GeneratedVectors))]
    public void Generated_vector_decrypts_to_its_expected_plaintext_with_the_MAC_verified(string encrypted, string expected)
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf(encrypted));
        var expectedKey = Vectors.Expected(encrypted);

        // Act
        var decrypted = file.Decrypt(Vectors.AllAgeKeys);

        // Assert
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal(expectedKey.DataKeyHex, decrypted.DataKeyHex());
        Assert.Equal(expectedKey.Mac, decrypted.ComputedMac);
        var json = Vectors.ReadJson(expected);
        if (decrypted.Branches.Count > 1)
        {
            Assert.Equal(json.GetArrayLength(), decrypted.Branches.Count);
            for (var i = 0; i < decrypted.Branches.Count; i++)
            {
                Assert.Null(TreeJson.Difference(decrypted.Branches[i], json[i]));
            }
        }
        else
        {
            Assert.Null(TreeJson.Difference(decrypted.Branches[0], json));
        }
    }

    [Theory]
    [InlineData("pr1031-age/example.yaml")]
    [InlineData("pr1031-age/example.json")]
    [InlineData("pr1031-age/example.ini")]
    [InlineData("pr1031-age/example.txt")]
    public void Pr1031_age_file_decrypts_with_each_key_alone_to_the_expected_data_key_and_MAC(string relative)
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf(relative));
        var expected = Vectors.Expected(relative);

        foreach (var identity in Vectors.AgeKeys)
        {
            // Act
            var decrypted = file.Decrypt([identity]);

            // Assert
            Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
            Assert.Equal(expected.DataKeyHex, decrypted.DataKeyHex());
            Assert.Equal(expected.Mac, decrypted.ComputedMac);
        }
    }

    [Fact]
    public void Every_data_key_in_the_tsv_verifies_its_file_without_any_master_key()
    {
        // Arrange
        var rows = Vectors.ExpectedKeys.Where(k => !k.StoredMacMatches.StartsWith("NO", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 20);

        foreach (var row in rows)
        {
            var file = SopsFile.Load(Vectors.PathOf(row.Path));

            // Act
            var decrypted = file.DecryptWithKey(Convert.FromHexString(row.DataKeyHex));

            // Assert
            Assert.True(row.Mac == decrypted.ComputedMac, $"{row.Path}: computed MAC differs");
            Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        }
    }

    [Fact]
    public void Sops_file_without_a_MAC_is_rejected_unless_verification_is_off()
    {
        // Arrange
        const string relative = "head/functional-tests/res/no_mac.yaml";
        var file = SopsFile.Load(Vectors.PathOf(relative));
        var key = Convert.FromHexString(Vectors.Expected(relative).DataKeyHex);

        // Act
        var error = Assert.Throws<SopsException>(() => file.DecryptWithKey(key));
        var unverified = file.DecryptWithKey(key, verifyMac: false);

        // Assert
        Assert.Equal(SopsErrorKind.NoMac, error.Kind);
        Assert.Contains("no_mac.yaml", error.Message, StringComparison.Ordinal);
        Assert.Equal(MacStatus.Missing, unverified.MacStatus);
        Assert.Equal(Vectors.Expected(relative).Mac, unverified.ComputedMac);
        Assert.False(file.IsEncrypted);
    }
}
