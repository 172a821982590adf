using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class BadInputTests
{
    private const string ValidEnc = "ENC[AES256_GCM,data:KhLDS2R2H/BH32vUit2BGhNONIq8,iv:onHYft9ubwdfdwOOsO9yET9xe6x3UHGl+Ov/LApkCmU=,tag:dzjQG/MOmlGZjMGPhqXIvQ==,type:str]";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "malformed.yaml", "a: [1, 2\nb: c\n", "malformed YAML" },
        { "malformed.json", "{\"a\": 1,, }", "malformed JSON" },
        { "array.json", "[1, 2]", "not an object" },
        { "empty.yaml", "", "empty" },
        { "whitespace.json", "  \n", "empty" },
        { "nolastmodified.yaml", $"a: {ValidEnc}\nsops:\n    mac: {ValidEnc}\n    version: 3.13.2\n    age:\n        - recipient: age1x\n          enc: x\n", "no lastmodified" },
        { "nokeys.yaml", $"a: {ValidEnc}\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n    mac: {ValidEnc}\n    version: 3.13.2\n", "no master keys" },
        { "badtime.yaml", $"a: {ValidEnc}\nsops:\n    lastmodified: yesterday\n    age:\n        - recipient: age1x\n          enc: x\n", "not an RFC 3339 time" },
        { "tworules.yaml", $"a: {ValidEnc}\nsops:\n    lastmodified: \"2024-01-01T00:00:00Z\"\n    unencrypted_suffix: _u\n    encrypted_regex: x\n    age:\n        - recipient: age1x\n          enc: x\n", "more than one" },
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
        using var temp = new TempDirectory();
        var path = temp.Combine(name);
        File.WriteAllText(path, content);

        // Act
        var error = Assert.Throws<InputException>(() => SopsFiles.Decrypt(path, Vectors.AgeKeys));

        // Assert
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> ValueCases => new()
    {
        { "truncated", "ENC[AES256_GCM,data:KhLDS2R2H/BH32vUit2BG", "does not match" },
        { "not base64", "ENC[AES256_GCM,data:!!!!,iv:onHYft9ubwdfdwOOsO9yET9xe6x3UHGl+Ov/LApkCmU=,tag:dzjQG/MOmlGZjMGPhqXIvQ==,type:str]", "invalid base64" },
        { "unknown cipher", "ENC[AES128_CBC,data:KhLD,iv:onHY,tag:dzjQ,type:str]", "unknown cipher" },
        { "short tag", "ENC[AES256_GCM,data:KhLD,iv:onHYft9ubwdfdwOOsO9yET9xe6x3UHGl+Ov/LApkCmU=,tag:dzjQ,type:str]", "tag" },
        { "half encrypted", "plain text password", "half-encrypted" },
    };

    [Theory]
    [MemberData(nameof(ValueCases))]
    public async Task Broken_encrypted_value_is_an_input_error_and_no_file_changes(string label, string value, string problem)
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine("broken.yaml");
        var text = File.ReadAllText(Vectors.PathOf("pr1031-age/example.yaml"));
        var line = text.Split('\n')[0];
        await File.WriteAllTextAsync(path, text.Replace(line, "myapp1: " + value, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var before = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() =>
            SopsFiles.SetStringsAsync(path, Vectors.AgeKeys, new Dictionary<string, string> { ["app2.db.user"] = "x" }, CancellationToken.None));

        // Assert
        Assert.False(string.IsNullOrEmpty(label));
        Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("myapp1", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Encrypting_an_already_encrypted_file_is_refused()
    {
        // Arrange
        var content = File.ReadAllBytes(Vectors.PathOf("pr1031-age/example.yaml"));

        // Act
        var error = Assert.Throws<InputException>(() => SopsEncryptor.Encrypt(content, SopsFormat.Yaml, TestFiles.RuleFor(Vectors.AgeKeys[0]), "example.yaml"));

        // Assert
        Assert.Contains("already encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypting_a_plain_file_says_it_is_not_encrypted()
    {
        // Arrange
        var path = Vectors.PathOf("head/functional-tests/res/plainfile.yaml");

        // Act
        var error = Assert.Throws<InputException>(() => SopsFiles.Decrypt(path, Vectors.AgeKeys));

        // Assert
        Assert.Contains("not encrypted", error.Message, StringComparison.Ordinal);
    }
}
