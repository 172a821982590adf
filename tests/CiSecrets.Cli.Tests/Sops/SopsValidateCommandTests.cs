using System.Text.Json;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary><c>cisecrets sops validate</c> on real git repositories with a <c>.sops.yaml</c>.</summary>
public sealed class SopsValidateCommandTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();
    private readonly AgeIdentity _newcomer = AgeIdentity.Generate();

    private static Dictionary<string, JsonElement> ByPath(string json) =>
        TestSecrets.Findings(json).ToDictionary(f => f.Field("path") + " " + f.Field("ruleId"));

    [Fact(Timeout = 120_000)]
    public async Task Validate_reports_each_problem_of_a_repository_with_its_rule_id()
    {
        // Arrange
        var password = SecretValue();
        var token = SecretValue();
        var plainPassword = SecretValue();
        using var repo = new TempGitRepository();
        repo.Write(".gitignore", ".env\n*.secret\n*.key\n")
            .Write(".sops.yaml", Config(("^secrets/", [_team]), ("^stale/", [_team, _newcomer])))
            .Write("secrets/bundle.yaml", Encrypt(SecretManifests(password, token), "bundle.yaml", _team))
            .Write("secrets/forgotten.yaml", $"password: {plainPassword}\n")
            .Write("stale/app.yaml", Encrypt($"token: {token}\n", "app.yaml", _team))
            .Write("deploy/secret.yaml", SecretManifests(plainPassword, "x"))
            .Write("README.md", "# service\n")
            .Commit("secrets");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, KeyEnvironment(_team), "sops", "validate", "--format", "json");
        var text = await CliRunner.RunAsync(repo.Path, KeyEnvironment(_team), "sops", "validate");

        // Assert
        Assert.Equal((1, 1), (run.ExitCode, text.ExitCode));
        var findings = ByPath(run.Output);
        Assert.Equal(
            ["deploy/secret.yaml sops/plaintext-secret-manifest", "secrets/forgotten.yaml sops/not-encrypted", "stale/app.yaml sops/stale-recipients"],
            findings.Keys.Order(StringComparer.Ordinal));
        Assert.Contains($"stale/app.yaml is encrypted for [age:{_team.Recipient.Text}] but its creation rule names", text.Output, StringComparison.Ordinal);
        Assert.Contains(_newcomer.Recipient.Text, text.Output, StringComparison.Ordinal);
        var stats = JsonDocument.Parse(run.Output).RootElement.GetProperty("stats");
        Assert.Equal(2, stats.GetProperty("macsVerified").GetInt32());
        foreach (var value in new[] { password, token, plainPassword })
        {
            Assert.DoesNotContain(value, run.All + text.All, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_half_encrypted_file_and_a_tampered_file_are_reported()
    {
        // Arrange
        var clear = SecretValue();
        using var repo = new TempGitRepository();
        var encrypted = Encrypt("a: one\nb: two\nlist:\n    - x\n    - y\n", "app.yaml", _team);
        var lines = encrypted.Split('\n');
        lines[1] = $"b: {clear}";
        repo.Write(".gitignore", ".env\n*.secret\n*.key\n")
            .Write(".sops.yaml", Config(("\\.yaml$", [_team])))
            .Write("half.yaml", string.Join('\n', lines))
            .Write("reordered.yaml", SwapListItems(encrypted))
            .Commit("files");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, KeyEnvironment(_team), "sops", "validate", "--format", "json");

        // Assert
        Assert.Equal(1, run.ExitCode);
        var findings = ByPath(run.Output);
        Assert.Contains("half.yaml sops/value-not-encrypted", findings.Keys);
        Assert.Contains("reordered.yaml sops/mac-mismatch", findings.Keys);
        Assert.DoesNotContain(clear, run.All, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_mac_is_verified_with_a_key_unverified_without_and_require_mac_fails_then()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".gitignore", ".env\n*.secret\n*.key\n")
            .Write(".sops.yaml", Config(("\\.yaml$", [_team])))
            .Write("app.yaml", Encrypt($"password: {SecretValue()}\n", "app.yaml", _team))
            .Commit("init");

        // Act
        var withKey = await CliRunner.RunAsync(repo.Path, KeyEnvironment(_team), "sops", "validate", "--format", "json");
        var withoutKey = await CliRunner.RunAsync(repo.Path, "sops", "validate", "--format", "json");
        var required = await CliRunner.RunAsync(repo.Path, "sops", "validate", "--require-mac");
        var requiredWithKey = await CliRunner.RunAsync(repo.Path, KeyEnvironment(_team), "sops", "validate", "--require-mac");

        // Assert
        Assert.Equal(0, withKey.ExitCode);
        Assert.Empty(TestSecrets.Findings(withKey.Output));
        Assert.Equal(1, JsonDocument.Parse(withKey.Output).RootElement.GetProperty("stats").GetProperty("macsVerified").GetInt32());
        Assert.Equal(0, withoutKey.ExitCode);
        var unverified = Assert.Single(TestSecrets.Findings(withoutKey.Output));
        Assert.Equal("sops/mac-unverified", unverified.Field("ruleId"));
        Assert.Equal(1, required.ExitCode);
        Assert.Contains("sops/mac-unverified", required.Output, StringComparison.Ordinal);
        Assert.Equal(0, requiredWithKey.ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_plaintext_secret_manifest_blocks_only_when_encryption_is_required()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".gitignore", ".env\n*.secret\n*.key\n")
            .Write("k8s/secret.yaml", SecretManifests(SecretValue(), SecretValue()))
            .Commit("init");

        // Act
        var reported = await CliRunner.RunAsync(repo.Path, "sops", "validate");
        var flag = await CliRunner.RunAsync(repo.Path, "sops", "validate", "--require-encrypted");
        var variable = await CliRunner.RunAsync(repo.Path, new Dictionary<string, string> { ["REQUIRE_ENCRYPTED_SECRETS"] = "true" }, "sops", "validate");

        // Assert
        Assert.Equal(0, reported.ExitCode);
        Assert.Contains("sops/plaintext-secret-manifest", reported.Output, StringComparison.Ordinal);
        Assert.Equal(1, flag.ExitCode);
        Assert.Equal(1, variable.ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Only_tracked_files_are_checked_and_a_missing_gitignore_entry_is_reported()
    {
        // Arrange
        using var repo = new TempGitRepository();
        repo.Write(".gitignore", "bin/\n").Write("README.md", "# x\n").Commit("init");
        repo.Write("untracked.env", $"PASSWORD={SecretValue()}\n");

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "sops", "validate", "--format", "json");

        // Assert
        var finding = Assert.Single(TestSecrets.Findings(run.Output));
        Assert.Equal("sops/gitignore", finding.Field("ruleId"));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_folder_outside_git_is_walked_and_sarif_names_the_rules()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(".gitignore"), ".env\n*.secret\n*.key\n");
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("\\.yaml$", [_team])));
        File.WriteAllText(folder.Combine("plain.yaml"), "password: hunter2-but-longer\n");
        var sarifPath = folder.Combine("out.sarif");

        // Act
        var run = await CliRunner.RunAsync(folder.Path, "sops", "validate", folder.Path, "--sarif-file", sarifPath);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("plain.yaml", run.Output, StringComparison.Ordinal);
        var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)).RootElement;
        var result = Assert.Single(sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("sops/not-encrypted", result.GetProperty("ruleId").GetString());
        Assert.DoesNotContain("hunter2", File.ReadAllText(sarifPath), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_path_that_does_not_exist_is_an_input_error()
    {
        // Arrange
        using var repo = new TempGitRepository();

        // Act
        var run = await CliRunner.RunAsync(repo.Path, "sops", "validate", "no-such-dir");

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("cisecrets: no-such-dir: no such file or directory", run.Error.Trim());
    }

    /// <summary>Swaps the first two items of the list: every GCM tag still verifies (same AAD), the MAC does not.</summary>
    private static string SwapListItems(string encrypted)
    {
        var lines = encrypted.Split('\n');
        var first = Array.FindIndex(lines, l => l.TrimStart().StartsWith("- ENC[", StringComparison.Ordinal));
        (lines[first], lines[first + 1]) = (lines[first + 1], lines[first]);
        return string.Join('\n', lines);
    }
}
