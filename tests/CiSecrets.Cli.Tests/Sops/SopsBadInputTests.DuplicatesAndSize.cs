using System.Text.Json;
using CiSecrets.Sops;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>Two more broken inputs the issue names: a file with a duplicate key and a file too large to read.</summary>
public sealed partial class SopsBadInputTests
{
    public static TheoryData<string, string> DuplicateCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "decrypt", "set", "rotate", "updatekeys", "status" })
        {
            foreach (var name in new[] { "app.yaml", "app.json", "app.env" })
            {
                data.Add(command, name);
            }
        }

        return data;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(DuplicateCases))]
    public async Task An_encrypted_file_with_a_duplicate_key_is_refused_naming_the_key(string command, string name)
    {
        // Arrange: an encrypted file whose first value line appears twice (both ciphertexts authenticate).
        using var folder = new TempDirectory();
        var content = WithDuplicatedPassword(name);
        var path = folder.Combine(name);
        File.WriteAllText(path, content);
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));
        string[] args = command == "set" ? ["sops", "set", name, "password"] : ["sops", command, name];

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(Team), "new-value\n", args);

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cisecrets: ", line, StringComparison.Ordinal);
        Assert.Contains($"{name}: ", line, StringComparison.Ordinal);
        Assert.Contains($"duplicate key '{(name == "app.env" ? "PASSWORD" : "password")}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.All, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("app.yaml", "password: one\nuser: app\npassword: two\n")]
    [InlineData("app.json", "{\"password\": \"one\", \"password\": \"two\"}\n")]
    [InlineData("app.env", "PASSWORD=one\nPASSWORD=two\n")]
    public async Task Encrypting_a_plaintext_file_with_a_duplicate_key_changes_nothing(string name, string content)
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(name), content);
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));

        // Act
        var run = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", name);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("duplicate key", run.Error, StringComparison.Ordinal);
        Assert.Contains(name, run.Error, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(folder.Combine(name)));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("decrypt")]
    [InlineData("encrypt")]
    [InlineData("set")]
    [InlineData("rotate")]
    [InlineData("updatekeys")]
    [InlineData("status")]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read(string command)
    {
        // Arrange: a sparse file one byte over the limit (no disk space used; nothing may read it).
        using var folder = new TempDirectory();
        var path = folder.Combine("huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(SopsFile.MaxFileBytes + 1);
        }

        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));
        var written = File.GetLastWriteTimeUtc(path);
        string[] args = command == "set" ? ["sops", "set", "huge.yaml", "password"] : ["sops", command, "huge.yaml"];

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(Team), "new-value\n", args);

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cisecrets: ", line, StringComparison.Ordinal);
        Assert.EndsWith("huge.yaml: the file is 10 MiB, over the 10 MiB limit for SOPS files", line, StringComparison.Ordinal);
        Assert.Equal((SopsFile.MaxFileBytes + 1, written), (new FileInfo(path).Length, File.GetLastWriteTimeUtc(path)));
        Assert.Equal(["huge.yaml", ".sops.yaml"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName).OrderDescending(StringComparer.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Validate_names_a_file_it_skips_for_its_size_and_the_limit()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(".gitignore"), ".env\n*.secret\n*.key\n");
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("\\.yaml$", [Team])));
        File.WriteAllText(folder.Combine("small.yaml"), Encrypt($"password: {Secret}\n", "small.yaml", Team));
        using (var stream = File.Create(folder.Combine("bundle.yaml")))
        {
            stream.SetLength(SopsFile.MaxFileBytes + (3 * 1024 * 1024));
        }

        // Act
        var json = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "validate", ".", "--format", "json");
        var text = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "validate", ".");

        // Assert
        const string Expected = "bundle.yaml: not checked: 13 MiB is over the 10 MiB limit for SOPS files";
        var warnings = JsonDocument.Parse(json.Output).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Equal([Expected], warnings);
        Assert.Contains($"warning: {Expected}", text.Output, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(json.Output).RootElement.GetProperty("stats").GetProperty("files").GetInt32()); // .gitignore and small.yaml
        Assert.DoesNotContain(Secret, json.All + text.All, StringComparison.Ordinal);
    }

    /// <summary>An encrypted file of the given store in which the password entry appears twice.</summary>
    private static string WithDuplicatedPassword(string name)
    {
        if (name == "app.env")
        {
            var env = Encrypt($"PASSWORD={Secret}\nUSER=app\n", name, Team);
            var first = env.Split('\n')[0];
            return env.Replace(first, first + "\n" + first, StringComparison.Ordinal);
        }

        if (name == "app.json")
        {
            var json = Encrypt($"{{\"password\": \"{Secret}\", \"user\": \"app\"}}\n", name, Team);
            var entry = json.Split('\n').First(l => l.TrimStart().StartsWith("\"password\"", StringComparison.Ordinal));
            return json.Replace(entry, entry + "\n" + entry, StringComparison.Ordinal);
        }

        var yaml = Encrypt($"password: {Secret}\nuser: app\n", name, Team);
        var line = yaml.Split('\n')[0];
        return yaml.Replace(line, line + "\n" + line, StringComparison.Ordinal);
    }
}
