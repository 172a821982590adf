using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class RecipientReportTests
{
    [Theory]
    [InlineData(GeneratedSamples.Yaml, "age", 2)]
    [InlineData(GeneratedSamples.Json, "age", 2)]
    [InlineData(GeneratedSamples.Ini, "age", 2)]
    [InlineData(GeneratedSamples.Binary, "age", 2)]
    [InlineData(GeneratedSamples.Dotenv, "age", 2)]
    [InlineData(GeneratedSamples.MultiDocument, "age", 2)]
    [InlineData(GeneratedSamples.Shamir, "age", 3)]
    [InlineData(GeneratedFiles.PgpOnly, "pgp", 2)]
    public void Encrypted_file_is_parsed_and_its_recipients_reported(string name, string type, int count)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var path = files.PathOf(name);

        // Act
        var status = SopsFiles.Status(path);

        // Assert
        Assert.True(status.HasMetadata);
        Assert.True(status.IsEncrypted);
        Assert.Equal(count, status.Recipients.Count(r => r.Type == type));
        var expected = type == "age" ? files.AllKeys.Take(count).Select(k => k.Recipient.Text) : files.PgpFingerprints;
        Assert.Equal(expected.Order(StringComparer.Ordinal), status.Recipients.Select(r => r.Identifier).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("comments.yaml", "# first comment\nkey: value\n# between\nother: thing\n")]
    [InlineData("plainfile.yaml", "plain: text\nnumber: 1\n")]
    [InlineData("comments_list.yaml", "list:\n- one\n# between\n- two\n")]
    public void Plain_file_has_no_metadata(string name, string content)
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine(name);
        File.WriteAllText(path, content);

        // Act
        var status = SopsFiles.Status(path);

        // Assert
        Assert.False(status.HasMetadata);
        Assert.False(status.IsEncrypted);
        Assert.Empty(status.Recipients);
    }
}
