using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary><c>sops decrypt</c> inside GitHub Actions masks every encrypted value first; a plaintext file it writes is private.</summary>
public sealed class SopsDecryptActionsTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();

    private Dictionary<string, string> ActionsEnvironment() => new(KeyEnvironment(_team)) { ["GITHUB_ACTIONS"] = "true" };

    [Fact(Timeout = 120_000)]
    public async Task Every_encrypted_value_is_masked_line_by_line_before_the_plaintext()
    {
        // Arrange
        var password = SecretValue() + "%";
        var first = SecretValue();
        var second = SecretValue();
        using var folder = new TempDirectory();
        var plaintext = $"db:\n    password: {password}\n    user_unencrypted: app\ncert: |\n    {first}\n    {second}\nports:\n    - 5432\n";
        File.WriteAllText(folder.Combine("app.yaml"), Encrypt(plaintext, "app.yaml", _team));

        // Act
        var inActions = await CliRunner.RunAsync(folder.Path, ActionsEnvironment(), "sops", "decrypt", "app.yaml");
        var outside = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "decrypt", "app.yaml");

        // Assert
        Assert.Equal(0, inActions.ExitCode);
        string[] masks = [$"::add-mask::{password[..^1]}%25", $"::add-mask::{first}", $"::add-mask::{second}", "::add-mask::5432"];
        Assert.Equal(string.Join('\n', masks) + "\n" + plaintext, inActions.Output);
        Assert.DoesNotContain("::add-mask::app", inActions.Output, StringComparison.Ordinal);
        Assert.Equal(plaintext, outside.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_output_file_is_created_owner_only_and_standard_output_holds_only_masks()
    {
        // Arrange
        var password = SecretValue();
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("app.env"), Encrypt($"PASSWORD={password}\n", "app.env", _team));
        var replaced = folder.Combine("replaced.env");
        File.WriteAllText(replaced, "old\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(replaced, (UnixFileMode)0b110_100_100);
        }

        // Act
        var created = await CliRunner.RunAsync(folder.Path, ActionsEnvironment(), "sops", "decrypt", "app.env", "--output", "plain.env");
        var replacing = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "decrypt", "app.env", "--output", "replaced.env");

        // Assert
        Assert.Equal((0, 0), (created.ExitCode, replacing.ExitCode));
        Assert.Equal($"::add-mask::{password}\n", created.Output);
        Assert.Equal("", replacing.Output);
        Assert.Equal($"PASSWORD={password}\n", File.ReadAllText(folder.Combine("plain.env")));
        Assert.Equal($"PASSWORD={password}\n", File.ReadAllText(replaced));
        Assert.DoesNotContain(password, created.Error + replacing.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.Combine("plain.env")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(replaced));
        }

        Assert.Equal(["replaced.env", "plain.env", "app.env"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName).OrderDescending(StringComparer.Ordinal));
    }
}
