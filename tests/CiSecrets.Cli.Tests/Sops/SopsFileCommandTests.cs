using System.Text.Json;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>The single-file sops commands, each run through the real command tree on real files.</summary>
public sealed class SopsFileCommandTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();

    [Fact(Timeout = 120_000)]
    public async Task Encrypt_status_set_rotate_and_decrypt_work_together_and_print_no_value_but_decrypts()
    {
        // Arrange
        var password = SecretValue();
        var replacement = SecretValue();
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("\\.yaml$", [_team])));
        var plaintext = $"db:\n    user: app\n    password: {password}\n";
        File.WriteAllText(folder.Combine("app.yaml"), plaintext);
        var env = KeyEnvironment(_team);

        // Act
        var plainStatus = await CliRunner.RunAsync(folder.Path, env, "sops", "status", "app.yaml");
        var encrypt = await CliRunner.RunAsync(folder.Path, env, "sops", "encrypt", "app.yaml");
        var encrypted = File.ReadAllText(folder.Combine("app.yaml"));
        var status = await CliRunner.RunAsync(folder.Path, env, "sops", "status", "app.yaml", "--json");
        var decrypt = await CliRunner.RunAsync(folder.Path, env, "sops", "decrypt", "app.yaml");
        var set = await CliRunner.RunWithInputAsync(folder.Path, env, replacement + "\n", "sops", "set", "app.yaml", "[\"db\"][\"password\"]");
        var afterSet = File.ReadAllText(folder.Combine("app.yaml"));
        var rotate = await CliRunner.RunAsync(folder.Path, env, "sops", "rotate", "app.yaml");
        var toFile = await CliRunner.RunAsync(folder.Path, env, "sops", "decrypt", "app.yaml", "--output", "plain-copy.yaml");

        // Assert
        Assert.Equal(1, plainStatus.ExitCode);
        Assert.Contains("not encrypted", plainStatus.Output, StringComparison.Ordinal);
        Assert.Equal(0, encrypt.ExitCode);
        Assert.DoesNotContain(password, encrypted, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.True(JsonDocument.Parse(status.Output).RootElement.GetProperty("encrypted").GetBoolean());
        Assert.Equal((0, plaintext), (decrypt.ExitCode, decrypt.Output));
        Assert.Equal(0, set.ExitCode);
        Assert.Equal(encrypted.Split('\n')[1], afterSet.Split('\n')[1]); // the untouched value keeps its ciphertext
        Assert.True(rotate.ExitCode == 0, rotate.Error);
        Assert.NotEqual(afterSet.Split('\n')[1], File.ReadAllText(folder.Combine("app.yaml")).Split('\n')[1]);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal($"db:\n    user: app\n    password: {replacement}\n", File.ReadAllText(folder.Combine("plain-copy.yaml")));
        foreach (var run in new[] { plainStatus, encrypt, status, set, rotate, toFile })
        {
            Assert.DoesNotContain(password, run.All, StringComparison.Ordinal);
            Assert.DoesNotContain(replacement, run.All, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(password, decrypt.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Updatekeys_rewraps_for_the_recipients_of_the_creation_rule()
    {
        // Arrange
        var newcomer = AgeIdentity.Generate();
        var password = SecretValue();
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("secrets"));
        File.WriteAllText(folder.Combine("secrets", "app.json"), Encrypt($"{{\"password\": \"{password}\"}}\n", "app.json", _team));
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("^secrets/", [_team, newcomer])));

        // Act
        var update = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "updatekeys", "secrets/app.json");
        var again = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "updatekeys", "secrets/app.json");
        var byNewcomer = await CliRunner.RunAsync(folder.Path, KeyEnvironment(newcomer), "sops", "decrypt", "secrets/app.json");

        // Assert
        Assert.Equal(0, update.ExitCode);
        Assert.Contains("recipients updated", update.Output, StringComparison.Ordinal);
        Assert.Contains("already match", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, byNewcomer.ExitCode);
        Assert.Contains(password, byNewcomer.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, update.All + again.All, StringComparison.Ordinal);
        Assert.Equal(2, SopsFiles.Status(folder.Combine("secrets", "app.json")).Recipients.Count);
    }

    [Fact(Timeout = 120_000)]
    public async Task Set_reads_the_value_from_standard_input_only()
    {
        // Arrange
        using var folder = new TempDirectory();
        var original = Encrypt("a: b\n", "app.yaml", _team);
        File.WriteAllText(folder.Combine("app.yaml"), original);

        // Act
        var noInput = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "set", "app.yaml", "a");
        var extraArgument = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "set", "app.yaml", "a", "value-as-argument");

        // Assert
        Assert.Equal(2, noInput.ExitCode);
        Assert.Contains("standard input", noInput.Error, StringComparison.Ordinal);
        Assert.Equal(2, extraArgument.ExitCode);
        Assert.Equal(original, File.ReadAllText(folder.Combine("app.yaml")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Encrypt_without_a_matching_rule_or_config_changes_nothing()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("app.yaml"), "a: b\n");
        var noConfig = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.yaml");
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("^secrets/", [_team])));

        // Act
        var noRule = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.yaml");

        // Assert
        Assert.Equal(2, noConfig.ExitCode);
        Assert.Contains(".sops.yaml", noConfig.Error, StringComparison.Ordinal);
        Assert.Equal(2, noRule.ExitCode);
        Assert.Contains("no creation rule", noRule.Error, StringComparison.Ordinal);
        Assert.Equal("a: b\n", File.ReadAllText(folder.Combine("app.yaml")));
    }
}
