using System.Text.RegularExpressions;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>Every broken file, for every command that reads one: one line naming the file, exit 2, the file's bytes unchanged.</summary>
public sealed partial class SopsBadInputTests
{
    private static readonly AgeIdentity Team = AgeIdentity.Generate();

    /// <summary>The secret in the encrypted file; it must never come out of a failing command.</summary>
    private static readonly string Secret = SecretValue();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "decrypt", "set", "rotate", "updatekeys" })
        {
            foreach (var brokenFile in new[] { "malformed-yaml", "malformed-json", "no-lastmodified", "no-keys", "truncated-enc", "not-base64", "unknown-cipher", "half-encrypted", "empty", "wrong-key" })
            {
                data.Add(command, brokenFile);
            }
        }

        return data;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task A_broken_file_is_one_line_naming_it_exit_two_and_unchanged(string command, string brokenFile)
    {
        // Arrange
        using var folder = new TempDirectory();
        var (name, content, key) = Broken(brokenFile);
        var path = folder.Combine(name);
        File.WriteAllText(path, content);
        var other = AgeIdentity.Generate();
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team, other])));
        var before = File.ReadAllBytes(path);
        string[] args = command == "set" ? ["sops", "set", name, "[\"password\"]"] : ["sops", command, name];

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(key), "new-value\n", args);

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cisecrets: ", line, StringComparison.Ordinal);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([name, ".sops.yaml"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName).OrderDescending(StringComparer.Ordinal));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("malformed-yaml")]
    [InlineData("malformed-json")]
    [InlineData("empty")]
    public async Task Status_and_encrypt_of_a_malformed_file_are_input_errors(string brokenFile)
    {
        // Arrange
        using var folder = new TempDirectory();
        var (name, content, _) = Broken(brokenFile);
        File.WriteAllText(folder.Combine(name), content);
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));

        // Act
        var status = await CliRunner.RunAsync(folder.Path, "sops", "status", name);
        var encrypt = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", name);

        // Assert
        Assert.Equal((2, 2), (status.ExitCode, encrypt.ExitCode));
        Assert.Contains(name, status.Error, StringComparison.Ordinal);
        Assert.Contains(name, encrypt.Error, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(folder.Combine(name)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Encrypting_an_encrypted_file_is_refused()
    {
        // Arrange
        using var folder = new TempDirectory();
        var encrypted = Encrypt($"password: {Secret}\n", "app.yaml", Team);
        File.WriteAllText(folder.Combine("app.yaml"), encrypted);
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));

        // Act
        var run = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.yaml");

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already encrypted", run.Error, StringComparison.Ordinal);
        Assert.Equal(encrypted, File.ReadAllText(folder.Combine("app.yaml")));
    }

    private static (string Name, string Content, AgeIdentity Key) Broken(string kind)
    {
        var yaml = Encrypt($"password: {Secret}\nuser: app\n", "app.yaml", Team);
        var json = Encrypt($"{{\"password\": \"{Secret}\", \"user\": \"app\"}}\n", "app.json", Team);
        var firstData = DataField().Match(yaml);
        return kind switch
        {
            "malformed-yaml" => ("app.yaml", "password: [unclosed\n  - : :\n", Team),
            "malformed-json" => ("app.json", json[..(json.Length / 2)], Team),
            "no-lastmodified" => ("app.yaml", string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("lastmodified:", StringComparison.Ordinal))), Team),
            "no-keys" => ("app.json", RemoveAgeKeys(json), Team),
            "truncated-enc" => ("app.yaml", yaml.Replace(firstData.Value, firstData.Value[..(firstData.Value.Length / 2)], StringComparison.Ordinal).Replace(",iv:", "", StringComparison.Ordinal), Team),
            "not-base64" => ("app.yaml", yaml.Replace(firstData.Value, "data:!!!not*base64!!!", StringComparison.Ordinal), Team),
            "unknown-cipher" => ("app.yaml", yaml.Replace("password: ENC[AES256_GCM,", "password: ENC[CHACHA20,", StringComparison.Ordinal), Team),
            "half-encrypted" => ("app.yaml", Regex.Replace(yaml, "user: ENC\\[[^\\]]*\\]", "user: app"), Team),
            "empty" => ("app.yaml", "", Team),
            "wrong-key" => ("app.yaml", yaml, AgeIdentity.Generate()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The JSON file with its age recipients list emptied (a sops block without keys).</summary>
    private static string RemoveAgeKeys(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["sops"]!.AsObject().Remove("age");
        return node.ToJsonString();
    }

    [GeneratedRegex("data:[A-Za-z0-9+/=]+")]
    private static partial Regex DataField();
}
