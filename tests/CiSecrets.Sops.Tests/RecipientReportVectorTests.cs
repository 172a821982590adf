namespace CiSecrets.Sops.Tests;

/// <summary>
/// External interop group: the metadata of files sops wrote, from Python sops 1.13 (legacy PGP and AWS KMS
/// entries) to 3.13, and of the reference implementation's Shamir file. Reports on files made at run time are
/// in <see cref="RecipientReportTests"/>.
/// </summary>
public sealed class RecipientReportVectorTests
{
    [Theory]
    [InlineData("head/example.yaml", "pgp", 2)]
    [InlineData("head/example.json", "pgp", 2)]
    [InlineData("head/example.ini", "pgp", 2)]
    [InlineData("head/example.txt", "pgp", 2)]
    [InlineData("head/functional-tests/res/format.enc.env", "pgp", 1)]
    [InlineData("head/functional-tests/res/format-2.enc.ini", "pgp", 1)]
    [InlineData("head/functional-tests/res/multiple_keys.yaml", "pgp", 2)]
    [InlineData("head/config/test_resources/example.yaml", "pgp", 1)]
    [InlineData("head/stores/ini/test_resources/example.json", "kms", 1)]
    [InlineData("pr1031-age/example.ini", "age", 2)]
    [InlineData("generated/shamir-3groups-threshold2.enc.yaml", "age", 3)]
    public void Sops_file_is_parsed_and_its_recipients_reported(string relative, string type, int count)
    {
        // Arrange
        var path = Vectors.PathOf(relative);

        // Act
        var status = SopsFiles.Status(path);

        // Assert
        Assert.True(status.HasMetadata);
        Assert.Equal(count, status.Recipients.Count(r => r.Type == type));
        Assert.All(status.Recipients, r => Assert.False(string.IsNullOrEmpty(r.Identifier)));
    }

    [Fact]
    public void Kms_entries_of_a_legacy_file_keep_their_arn()
    {
        // Arrange
        var path = Vectors.PathOf("head/stores/ini/test_resources/example.json");

        // Act
        var file = SopsFile.Load(path);

        // Assert
        var kms = Assert.Single(file.Recipients, r => r.Type == "kms");
        Assert.StartsWith("arn:aws:kms:", kms.Identifier, StringComparison.Ordinal);
        Assert.Equal("1.13", file.Metadata!.Version);
    }
}
