namespace CiSecrets.Sops.Tests;

/// <summary>Files made at run time and then broken, or opened with the wrong keys: each is refused with its own error.</summary>
public sealed class RejectionTests
{
    [Theory]
    [InlineData(Tampering.TamperedUnencryptedValue, SopsErrorKind.MacMismatch, null)]
    [InlineData(Tampering.ReorderedList, SopsErrorKind.MacMismatch, null)]
    [InlineData(Tampering.DeletedKey, SopsErrorKind.MacMismatch, null)]
    [InlineData(Tampering.SwappedValues, SopsErrorKind.ValueAuthenticationFailed, "app2:db:user")]
    [InlineData(Tampering.ChangedLastModified, SopsErrorKind.MacUndecryptable, null)]
    public void Tampered_file_is_rejected_with_its_own_error(string kind, SopsErrorKind expected, string? keyPath)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = SopsFile.Load(files.WriteVariant(GeneratedSamples.Yaml, kind + ".yaml", text => Tampering.Apply(kind, text)));

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt(files.Keys));

        // Assert
        Assert.Equal(expected, error.Kind);
        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(kind + ".yaml", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shamir_file_opens_with_any_two_groups_and_not_with_one()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Shamir);
        var keys = files.AllKeys;

        // Act
        var pairs = new[] { (0, 1), (0, 2), (1, 2) }.Select(p => file.Decrypt([keys[p.Item1], keys[p.Item2]])).ToList();
        var single = Assert.Throws<SopsException>(() => file.Decrypt([keys[2]]));

        // Assert
        Assert.All(pairs, d => Assert.Equal(MacStatus.Verified, d.MacStatus));
        Assert.Single(pairs.Select(d => d.DataKeyHex()).Distinct());
        Assert.Equal(SopsErrorKind.ShamirThresholdNotMet, single.Kind);
        Assert.Equal(3, file.Metadata!.KeyGroups.Count);
        Assert.Equal(2, file.Metadata.ShamirThreshold);
    }

    [Fact]
    public void Wrong_key_and_missing_identity_are_distinct_errors()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedSamples.Yaml);

        // Act
        var wrong = Assert.Throws<SopsException>(() => file.Decrypt([files.Third]));
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
        using var files = new GeneratedFiles();
        var file = files.Load(GeneratedFiles.PgpOnly);

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt(files.AllKeys));

        // Assert
        Assert.Equal(SopsErrorKind.UnsupportedKeyType, error.Kind);
        Assert.Equal(files.PgpFingerprints, file.Recipients.Where(r => r.Type == "pgp").Select(r => r.Identifier).ToArray());
        Assert.True(file.IsEncrypted);
    }

    [Fact]
    public void File_without_a_MAC_is_rejected_unless_verification_is_off()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var expectedMac = files.Load(GeneratedSamples.Yaml).Decrypt(files.Keys).ComputedMac;
        var file = SopsFile.Load(files.WriteVariant(GeneratedSamples.Yaml, "no_mac.yaml",
            text => string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("mac:", StringComparison.Ordinal)))));

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt(files.Keys));
        var unverified = file.Decrypt(files.Keys, verifyMac: false);

        // Assert
        Assert.Equal(SopsErrorKind.NoMac, error.Kind);
        Assert.Contains("no_mac.yaml", error.Message, StringComparison.Ordinal);
        Assert.Equal(MacStatus.Missing, unverified.MacStatus);
        Assert.Equal(expectedMac, unverified.ComputedMac);
        Assert.False(file.IsEncrypted);
    }
}
