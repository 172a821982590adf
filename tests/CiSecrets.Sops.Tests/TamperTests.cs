using System.Text.RegularExpressions;

namespace CiSecrets.Sops.Tests;

public sealed partial class TamperTests
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
        var text = File.ReadAllText(Vectors.PathOf("pr1031-age/example.yaml"));
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(line, StringComparison.Ordinal));
        lines[index] = FlipFirstByte(lines[index], field);
        var tampered = string.Join('\n', lines);

        // Act
        var file = SopsFile.Parse(tampered, "example.yaml", SopsFormat.Yaml);
        var error = Record.Exception(() => file.Decrypt(Vectors.AgeKeys));

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
        // Arrange
        var text = File.ReadAllText(Vectors.PathOf("generated/app.enc.env"));
        var start = text.IndexOf("sops_age__list_0__map_enc=", StringComparison.Ordinal) + 200;
        var tampered = text[..start] + (text[start] == 'A' ? 'B' : 'A') + text[(start + 1)..];

        // Act
        var error = Assert.Throws<SopsException>(() => SopsFile.Parse(tampered, "app.env", SopsFormat.Dotenv).Decrypt(Vectors.AgeKeys));

        // Assert
        Assert.Equal(SopsErrorKind.NoMatchingKey, error.Kind);
    }

    private static string FlipFirstByte(string line, string field)
    {
        var match = FieldPattern(field).Match(line);
        Assert.True(match.Success);
        var bytes = Convert.FromBase64String(match.Groups[1].Value);
        bytes[0] ^= 0x01;
        return line[..match.Groups[1].Index] + Convert.ToBase64String(bytes) + line[(match.Groups[1].Index + match.Groups[1].Length)..];
    }

    private static Regex FieldPattern(string field) => field switch
    {
        "data" => DataPattern(),
        "iv" => IvPattern(),
        _ => TagPattern(),
    };

    [GeneratedRegex("data:([^,]+),")]
    private static partial Regex DataPattern();

    [GeneratedRegex("iv:([^,]+),")]
    private static partial Regex IvPattern();

    [GeneratedRegex("tag:([^,]+),")]
    private static partial Regex TagPattern();
}
