using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class BadInputTests
{
    /// <summary>Stands for a well-formed ENC[...] value the test encrypts at run time.</summary>
    private const string Enc = "{ENC}";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "malformed.yaml", "a: [1, 2\nb: c\n", "malformed YAML" },
        { "malformed.json", "{\"a\": 1,, }", "malformed JSON" },
        { "array.json", "[1, 2]", "not an object" },
        { "empty.yaml", "", "empty" },
        { "whitespace.json", "  \n", "empty" },
        { "nolastmodified.yaml", $"a: {Enc}\nsops:\n    mac: {Enc}\n    version: 3.13.2\n    age:\n        - recipient: age1x\n          enc: x\n", "no lastmodified" },
        { "nokeys.yaml", $"a: {Enc}\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n    mac: {Enc}\n    version: 3.13.2\n", "no master keys" },
        { "badtime.yaml", $"a: {Enc}\nsops:\n    lastmodified: yesterday\n    age:\n        - recipient: age1x\n          enc: x\n", "not an RFC 3339 time" },
        { "tworules.yaml", $"a: {Enc}\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n    unencrypted_suffix: _u\n    encrypted_regex: x\n    age:\n        - recipient: age1x\n          enc: x\n", "more than one" },
        { "duplicate.yaml", "a: 1\na: 2\n", "duplicate key 'a'" },
        { "duplicate.json", "{\"a\": 1, \"a\": 2}", "duplicate key 'a'" },
        { "duplicate.env", "A=1\nA=2\n", "duplicate key 'A'" },
        { "nonstring.yaml", "1: a\n", "not a string" },
        { "toplist.yaml", "- a\n- b\n", "not a mapping" },
        { "badline.env", "JUST_A_WORD\n", "not KEY=VALUE" },
        { "notutf8.yaml", "\u00ff", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_file_gives_one_clear_input_error_naming_it(string name, string content, string problem)
    {
        // Arrange
        using var files = new GeneratedFiles();
        using var temp = new TempDirectory();
        var path = temp.Combine(name);
        File.WriteAllText(path, content.Replace(Enc, files.EncryptedValue(), StringComparison.Ordinal));

        // Act
        var error = Assert.Throws<InputException>(() => SopsFiles.Decrypt(path, files.Keys));

        // Assert
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("truncated", "does not match")]
    [InlineData("not base64", "invalid base64")]
    [InlineData("unknown cipher", "unknown cipher")]
    [InlineData("short tag", "tag")]
    [InlineData("half encrypted", "half-encrypted")]
    public async Task Broken_encrypted_value_is_an_input_error_and_no_file_changes(string breakage, string problem)
    {
        // Arrange: the sample's first value replaced by a broken form of a value encrypted at run time.
        using var files = new GeneratedFiles();
        var valid = files.EncryptedValue();
        var value = breakage switch
        {
            "truncated" => valid[..(valid.IndexOf(",iv:", StringComparison.Ordinal) - 4)],
            "not base64" => valid.Replace(Field(valid, "data"), "!!!!", StringComparison.Ordinal),
            "unknown cipher" => valid.Replace("AES256_GCM", "AES128_CBC", StringComparison.Ordinal),
            "short tag" => valid.Replace(Field(valid, "tag"), Field(valid, "tag")[..4], StringComparison.Ordinal),
            _ => "plain text value",
        };
        var path = files.WriteVariant(GeneratedSamples.Yaml, "broken.yaml", text => text.Replace("myapp1: " + valid, "myapp1: " + value, StringComparison.Ordinal));
        var before = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() =>
            SopsFiles.SetStringsAsync(path, files.Keys, new Dictionary<string, string> { ["app2.db.user"] = "x" }, TestClock.Create(), TestContext.Current.CancellationToken));

        // Assert
        Assert.NotEqual(valid, value);
        Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("myapp1", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Encrypting_an_already_encrypted_file_is_refused()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var content = File.ReadAllBytes(files.PathOf(GeneratedSamples.Yaml));

        // Act
        var error = Assert.Throws<InputException>(() => SopsEncryptor.Encrypt(content, SopsFormat.Yaml, TestFiles.RuleFor(AgeIdentity.Generate()), "example.yaml", TestClock.Now));

        // Assert
        Assert.Contains("already encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypting_a_plain_file_says_it_is_not_encrypted()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine("plainfile.yaml");
        File.WriteAllText(path, GeneratedSamples.YamlText);

        // Act
        var error = Assert.Throws<InputException>(() => SopsFiles.Decrypt(path, [AgeIdentity.Generate()]));

        // Assert
        Assert.Contains("not encrypted", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The base64 of one field (data, iv, tag) of an ENC[...] value.</summary>
    private static string Field(string value, string name)
    {
        var start = value.IndexOf(name + ":", StringComparison.Ordinal) + name.Length + 1;
        return value[start..value.IndexOf(',', start)];
    }
}
