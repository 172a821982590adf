using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>The sops commands against hostile files and environments: links, byte-order marks, endless inputs, leftovers of a killed run.</summary>
public sealed class SopsCommandSafetyTests
{
    private static readonly AgeIdentity Team = AgeIdentity.Generate();

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    [Theory(Timeout = 120_000)]
    [InlineData("decrypt")]
    [InlineData("set")]
    [InlineData("rotate")]
    [InlineData("updatekeys")]
    public async Task A_file_with_a_byte_order_mark_is_read_as_sops_reads_it(string command)
    {
        // Arrange
        using var folder = new TempDirectory();
        var secret = SecretValue();
        File.WriteAllBytes(folder.Combine("app.sops.yaml"), [.. ByteOrderMark, .. Encoding.UTF8.GetBytes(Encrypt($"db: {secret}\n", "app.sops.yaml", Team))]);
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team, AgeIdentity.Generate()])));
        string[] args = command == "set" ? ["sops", "set", "app.sops.yaml", "db"] : ["sops", command, "app.sops.yaml"];

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(Team), "changed\n", args);

        // Assert
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(command == "decrypt" ? $"db: {secret}\n" : "", command == "decrypt" ? run.Output : "");
        Assert.DoesNotContain(secret, run.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Encrypting_plaintext_with_a_byte_order_mark_keeps_the_first_key_name()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.Combine("app.yaml"), [.. ByteOrderMark, .. "db: value\nother: x\n"u8]);
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));

        // Act
        var encrypt = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "encrypt", "app.yaml");
        var decrypt = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "decrypt", "app.yaml");

        // Assert
        Assert.Equal(0, encrypt.ExitCode);
        Assert.StartsWith("db: ", File.ReadAllText(folder.Combine("app.yaml")), StringComparison.Ordinal);
        Assert.Equal("db: value\nother: x\n", decrypt.Output);
    }

    [Fact(Timeout = 120_000)]
    public async Task Set_from_an_endless_standard_input_stops_at_the_limit_and_changes_nothing()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = folder.Combine("app.sops.yaml");
        File.WriteAllText(path, Encrypt("db: old\n", "app.sops.yaml", Team));
        var before = File.ReadAllBytes(path);

        // Act: 11 MiB on standard input.
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(Team), new string('v', 11 * 1024 * 1024), "sops", "set", "app.sops.yaml", "db");

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("standard input", line, StringComparison.Ordinal);
        Assert.Contains("over the 10 MiB limit", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Validate_of_a_plain_folder_does_not_follow_links_to_folders()
    {
        // Arrange: links to / and to .. beside one real file (no git repository here).
        using var folder = new TempDirectory();
        var inner = Directory.CreateDirectory(folder.Combine("repo")).FullName;
        File.WriteAllText(Path.Combine(inner, "app.sops.yaml"), Encrypt("db: value\n", "app.sops.yaml", Team));
        Directory.CreateSymbolicLink(Path.Combine(inner, "root"), "/");
        Directory.CreateSymbolicLink(Path.Combine(inner, "parent"), "..");

        // Act
        var run = await CliRunner.RunAsync(inner, KeyEnvironment(Team), "sops", "validate", "--require-mac", "--format", "json");

        // Assert
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("\"files\": 1", run.Output.Replace("\"files\":1", "\"files\": 1", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Decrypt_output_deletes_the_plaintext_left_by_a_killed_run_and_writes_owner_only()
    {
        // Arrange: what a decrypt --output killed between write and rename leaves behind.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("app.sops.yaml"), Encrypt("db: value\n", "app.sops.yaml", Team));
        var stale = folder.Combine($".plain.yaml.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "db: value\n");
        var live = folder.Combine($".plain.yaml.{Guid.NewGuid():N}.tmp");

        // Act: a temporary file a live writer still holds is not stale.
        int exit;
        using (new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            exit = (await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "decrypt", "app.sops.yaml", "--output", "plain.yaml")).ExitCode;
            Assert.True(File.Exists(live));
        }

        // Assert
        Assert.Equal(0, exit);
        Assert.False(File.Exists(stale));
        Assert.Equal("db: value\n", File.ReadAllText(folder.Combine("plain.yaml")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.Combine("plain.yaml")));
        }
    }

    [Theory(Timeout = 120_000)]
    [InlineData("decrypt")]
    [InlineData("encrypt")]
    public async Task Output_dash_is_standard_output(string command)
    {
        // Arrange
        using var folder = new TempDirectory();
        var file = command == "decrypt" ? "app.sops.yaml" : "app.yaml";
        File.WriteAllText(folder.Combine(file), command == "decrypt" ? Encrypt("db: value\n", file, Team) : "db: value\n");
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [Team])));
        var before = File.ReadAllText(folder.Combine(file));

        // Act
        var run = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", command, file, "--output", "-");

        // Assert
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(File.Exists(folder.Combine("-")));
        Assert.Equal(before, File.ReadAllText(folder.Combine(file)));
        Assert.Contains(command == "decrypt" ? "db: value" : "ENC[AES256_GCM,", run.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_key_file_variable_naming_dev_zero_is_one_line_and_exit_two()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("app.sops.yaml"), Encrypt("db: value\n", "app.sops.yaml", Team));
        var zero = OperatingSystem.IsWindows() ? folder.Combine("endless") : "/dev/zero";
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllBytes(zero, new byte[2 * 1024 * 1024]);
        }

        // Act
        var run = await CliRunner.RunAsync(folder.Path, new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = zero }, "sops", "decrypt", "app.sops.yaml");

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(zero, line, StringComparison.Ordinal);
        Assert.Contains("over the 1 MiB limit", line, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Rotate_refuses_a_swapped_recipient_unless_forced()
    {
        // Arrange
        using var folder = new TempDirectory();
        var attacker = AgeIdentity.Generate();
        var path = folder.Combine("app.sops.yaml");
        File.WriteAllText(path, Encrypt("db: value\n", "app.sops.yaml", Team).Replace(Team.Recipient.Text, attacker.Recipient.Text, StringComparison.Ordinal));
        var before = File.ReadAllBytes(path);

        // Act
        var refused = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "rotate", "app.sops.yaml");
        var unchanged = File.ReadAllBytes(path);
        var forced = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "rotate", "app.sops.yaml", "--force");

        // Assert
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.Equal(0, forced.ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_catastrophic_path_regex_is_matched_quickly_by_validate()
    {
        // Arrange: nested quantifiers over a long run of 'a' used to hit the 1 s regex timeout in a worker thread.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(".sops.yaml"), $"creation_rules:\n  - path_regex: ^(a+)+$\n    age: {Team.Recipient.Text}\n");
        File.WriteAllText(folder.Combine(new string('a', 60) + "!.yaml"), "key: value\n");

        // Act
        var run = await CliRunner.RunAsync(folder.Path, KeyEnvironment(Team), "sops", "validate", "--require-encrypted");

        // Assert
        Assert.DoesNotContain("unexpected", run.All, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(2, run.ExitCode);
    }
}
