using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>Alias bombs and deep nesting through the sops commands: one line naming the file, never a crash or a pass.</summary>
public sealed class SopsHostileStructureTests
{
    private static readonly AgeIdentity Team = AgeIdentity.Generate();

    /// <summary>
    /// A genuine encrypted file with 32,768 nested empty arrays added: empty arrays hold no value, so the
    /// MAC still matches, which is how such a file used to pass validate --require-mac and then crash decrypt.
    /// </summary>
    private static string DeepButAuthentic(string secret)
    {
        var encrypted = Encrypt($"{{\"password\": \"{secret}\"}}", "deep.sops.json", Team);
        var nest = new string('[', 32 * 1024) + new string(']', 32 * 1024);
        return encrypted.Replace("\"sops\": {", $"\"deep\": {nest},\n\t\"sops\": {{", StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("decrypt")]
    [InlineData("set")]
    [InlineData("rotate")]
    public async Task Nested_empty_arrays_under_a_valid_MAC_are_exit_two_naming_the_file_and_depth(string command)
    {
        // Arrange
        using var folder = new TempDirectory();
        var secret = SecretValue();
        var path = folder.Combine("deep.sops.json");
        File.WriteAllText(path, DeepButAuthentic(secret));
        var before = File.ReadAllBytes(path);
        string[] args = command == "set" ? ["sops", "set", "deep.sops.json", "password"] : ["sops", command, "deep.sops.json"];

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(Team), "new\n", args);

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("deep.sops.json", line, StringComparison.Ordinal);
        Assert.Contains("deeper than 128 levels", line, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.All, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Validate_with_require_mac_does_not_pass_nested_empty_arrays()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("deep.sops.json"), DeepButAuthentic(SecretValue()));

        // Act
        var run = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "validate", "--require-mac", ".");

        // Assert
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("deeper than 128 levels", run.Output, StringComparison.Ordinal);
        Assert.Contains("deep.sops.json", run.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("decrypt", "bomb.yaml")]
    [InlineData("status", "bomb.yaml")]
    [InlineData("encrypt", "plain.yaml")]
    public async Task A_YAML_alias_bomb_in_a_file_or_in_sops_yaml_is_exit_two_naming_it(string command, string file)
    {
        // Arrange: the bomb is the file itself, or (encrypt) the .sops.yaml the command reads.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("bomb.yaml"), HostileYaml.AliasBomb());
        File.WriteAllText(folder.Combine("plain.yaml"), "a: b\n");
        File.WriteAllText(folder.Combine(".sops.yaml"), command == "encrypt" ? HostileYaml.AliasBomb() + "creation_rules: []\n" : Config(("", [Team])));
        var named = command == "encrypt" ? ".sops.yaml" : file;

        // Act
        var run = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", command, file);

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains("alias bomb", line, StringComparison.Ordinal);
        Assert.Equal("a: b\n", File.ReadAllText(folder.Combine("plain.yaml")));
    }
}
