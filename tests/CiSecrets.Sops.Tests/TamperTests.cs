namespace CiSecrets.Sops.Tests;

public sealed class TamperTests
{
    public static TheoryData<string, string, SopsErrorKind> Cases => new()
    {
        { "myapp1:", "data", SopsErrorKind.ValueAuthenticationFailed },
        { "myapp1:", "iv", SopsErrorKind.ValueAuthenticationFailed },
        { "myapp1:", "tag", SopsErrorKind.ValueAuthenticationFailed },
        { "mac:", "data", SopsErrorKind.MacUndecryptable },
        { "mac:", "iv", SopsErrorKind.MacUndecryptable },
        { "mac:", "tag", SopsErrorKind.MacUndecryptable },
        { "#ENC", "data", SopsErrorKind.MacMismatch },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Flipping_one_byte_is_rejected(string line, string field, SopsErrorKind expected)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var tampered = Tampering.FlipFirstByte(files.Text(GeneratedSamples.Yaml), line, field);

        // Act
        var file = SopsFile.Parse(tampered, "example.yaml", SopsFormat.Yaml);
        var error = Record.Exception(() => file.Decrypt(files.Keys));

        // Assert
        if (line == "#ENC")
        {
            // A comment that no longer decrypts is kept as text (sops' rule for legacy clear comments), and
            // comments are not part of the MAC: the file still opens, the comment is left encrypted.
            Assert.Null(error);
            return;
        }

        var sopsError = Assert.IsType<SopsException>(error);
        Assert.Equal(expected, sopsError.Kind);
        Assert.Contains("example.yaml", sopsError.Message, StringComparison.Ordinal);
        if (line == "myapp1:")
        {
            Assert.Equal("myapp1", sopsError.KeyPath);
        }
    }

    [Fact]
    public void Tampering_the_wrapped_age_key_is_a_wrong_key_not_a_crash()
    {
        // Arrange: one file per recipient, so no other stanza opens the data key.
        using var files = new GeneratedFiles();
        var text = TestFiles.Encrypt(GeneratedSamples.DotenvText, SopsFormat.Dotenv, TestFiles.RuleFor(files.First), "app.env");
        var start = text.IndexOf("sops_age__list_0__map_enc=", StringComparison.Ordinal) + 200;
        var tampered = text[..start] + (text[start] == 'A' ? 'B' : 'A') + text[(start + 1)..];

        // Act
        var error = Assert.Throws<SopsException>(() => SopsFile.Parse(tampered, "app.env", SopsFormat.Dotenv).Decrypt([files.First]));

        // Assert
        Assert.Equal(SopsErrorKind.NoMatchingKey, error.Kind);
    }
}
