namespace CiSecrets.Sops.Tests;

public sealed class NegativeVectorTests
{
    [Theory]
    [InlineData("generated/negative/tampered-unencrypted-value.yaml", SopsErrorKind.MacMismatch, null)]
    [InlineData("generated/negative/reordered-list.yaml", SopsErrorKind.MacMismatch, null)]
    [InlineData("generated/negative/deleted-key.yaml", SopsErrorKind.MacMismatch, null)]
    [InlineData("generated/negative/swapped-values.yaml", SopsErrorKind.ValueAuthenticationFailed, "app2:db:user")]
    [InlineData("generated/negative/changed-lastmodified.yaml", SopsErrorKind.MacUndecryptable, null)]
    public void Negative_vector_is_rejected_with_its_own_error(string relative, SopsErrorKind kind, string? keyPath)
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf(relative));

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt(Vectors.AgeKeys));

        // Assert
        Assert.Equal(kind, error.Kind);
        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(Path.GetFileName(relative), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shamir_file_opens_with_any_two_groups_and_not_with_one()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("generated/shamir-3groups-threshold2.enc.yaml"));
        var keys = Vectors.AllAgeKeys;
        var expected = Vectors.Expected("generated/shamir-3groups-threshold2.enc.yaml").DataKeyHex;

        // Act
        var pairs = new[] { (0, 1), (0, 2), (1, 2) }.Select(p => file.Decrypt([keys[p.Item1], keys[p.Item2]]).DataKeyHex()).ToList();
        var single = Assert.Throws<SopsException>(() => file.Decrypt([keys[2]]));

        // Assert
        Assert.All(pairs, key => Assert.Equal(expected, key));
        Assert.Equal(SopsErrorKind.ShamirThresholdNotMet, single.Kind);
        Assert.Equal(3, file.Metadata!.KeyGroups.Count);
        Assert.Equal(2, file.Metadata.ShamirThreshold);
    }

    [Fact]
    public void Wrong_key_and_missing_identity_are_distinct_errors()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("pr1031-age/example.yaml"));

        // Act
        var wrong = Assert.Throws<SopsException>(() => file.Decrypt(Vectors.GeneratedKey));
        var missing = Assert.Throws<SopsException>(() => file.Decrypt([]));

        // Assert
        Assert.Equal(SopsErrorKind.NoMatchingKey, wrong.Kind);
        Assert.Equal(SopsErrorKind.NoIdentity, missing.Kind);
        Assert.Contains("example.yaml", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pgp_only_file_reports_its_recipients_and_that_it_cannot_be_opened()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("head/example.yaml"));

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt(Vectors.AgeKeys));

        // Assert
        Assert.Equal(SopsErrorKind.UnsupportedKeyType, error.Kind);
        Assert.Equal(
            ["FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "D7229043384BCC60326C6FB9D8720D957C3D3074"],
            file.Recipients.Where(r => r.Type == "pgp").Select(r => r.Identifier).ToArray());
        Assert.True(file.IsEncrypted);
    }
}
