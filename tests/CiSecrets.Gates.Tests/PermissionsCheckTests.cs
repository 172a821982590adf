using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class PermissionsCheckTests
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = Owner | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOtherRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode GroupOtherReadExecute = GroupOtherRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact(Timeout = 120_000)]
    public async Task An_age_key_folder_not_700_and_a_key_file_not_600_fail_and_CI_skips_the_check()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange: the default sops key location under XDG_CONFIG_HOME, readable by everyone.
        using var repository = SecretsRepository.Fixed();
        using var config = new TempDirectory("cisecrets-config");
        var folder = config.Combine("sops", "age");
        var keyFile = Path.Combine(folder, "keys.txt");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(keyFile, repository.Identity.ExportSecret() + "\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(keyFile, Owner | GroupOtherRead);
        File.SetUnixFileMode(folder, OwnerFolder | GroupOtherReadExecute);
        var environment = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = config.Path };

        // Act
        var open = (await GateRun.PhaseAsync(repository, "deploy", environment)).Result("permissions");
        File.SetUnixFileMode(keyFile, Owner);
        var folderStillOpen = (await GateRun.PhaseAsync(repository, "deploy", environment)).Result("permissions");
        File.SetUnixFileMode(folder, OwnerFolder);
        var closed = (await GateRun.PhaseAsync(repository, "deploy", environment)).Result("permissions");
        File.SetUnixFileMode(keyFile, Owner | GroupOtherRead);
        var inCi = (await GateRun.PhaseAsync(repository, "deploy", new(environment) { ["CI"] = "true" })).Result("permissions");

        // Assert
        Assert.Equal(CheckStatus.Fail, open.Status);
        Assert.Equal($"age key file {keyFile} is mode 644, should be 600; age key folder {folder} is mode 755, should be 700", open.Detail);
        Assert.Equal(new CheckResult(CheckStatus.Fail, $"age key folder {folder} is mode 755, should be 700"), folderStillOpen);
        Assert.Equal(new CheckResult(CheckStatus.Pass, "2 local secret file(s) readable by their owner only"), closed);
        Assert.Equal(new CheckResult(CheckStatus.Skipped, "running in CI (CI=true): files come from a checkout"), inCi);
        Assert.DoesNotContain(repository.Identity.ExportSecret(), open.Detail + folderStillOpen.Detail, StringComparison.Ordinal);
    }
}
