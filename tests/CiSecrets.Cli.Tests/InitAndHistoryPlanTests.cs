using CiSecrets.Inventory;
using CiSecrets.Sops;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.TestSecrets;

namespace CiSecrets.Cli.Tests;

public sealed class InitAndHistoryPlanTests
{
    [Fact(Timeout = 120_000)]
    public async Task Init_writes_an_inventory_from_the_existing_bundle_and_never_overwrites_without_force()
    {
        // Arrange: the fixed repository without its inventory and .sops.yaml, plus a plaintext manifest.
        using var repository = SecretsRepository.Fixed();
        repository.Git.Delete(".cisecrets.yaml").Delete(".sops.yaml");
        repository.Git.Write("k8s/plain.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\nstringData:\n  A: b\n");
        var inventoryPath = Path.Combine(repository.Path, ".cisecrets.yaml");

        // Act
        var first = await CliRunner.RunAsync(repository.Path, "init");
        var written = await File.ReadAllTextAsync(inventoryPath, TestContext.Current.CancellationToken);
        var again = await CliRunner.RunAsync(repository.Path, "init");
        var unchanged = await File.ReadAllTextAsync(inventoryPath, TestContext.Current.CancellationToken);
        var forced = await CliRunner.RunAsync(repository.Path, "init", "--force");

        // Assert
        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("wrote .cisecrets.yaml (5 secret(s) from secrets/bundle.sops.yaml; consumers from 0 workload manifest(s))", first.Output, StringComparison.Ordinal);
        Assert.Contains("plaintext Secret manifest: k8s/plain.yaml", first.Output, StringComparison.Ordinal);
        var inventory = SecretsInventory.Load(inventoryPath);
        Assert.Equal(["postgres_password", "redis_password", "grafana_admin_password", "stack_api_key", "api_jwt_secret"], inventory.Secrets.Select(s => s.Name));
        Assert.Equal(SecretKind.SigningKey, inventory.FindSecret("api_jwt_secret")!.Kind);
        Assert.Equal(SecretKind.ApiKey, inventory.FindSecret("stack_api_key")!.Kind);
        Assert.Equal(["pre-merge", "deploy"], inventory.Gates.Select(g => g.Name));
        var sops = SopsConfig.Load(Path.Combine(repository.Path, ".sops.yaml"));
        Assert.NotNull(sops.FindRule(Path.Combine(repository.Path, "secrets", "bundle.sops.yaml")));
        Assert.Contains(repository.Identity.Recipient.Text, await File.ReadAllTextAsync(Path.Combine(repository.Path, ".sops.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains(".cisecrets.yaml: already exists (use --force to overwrite it)", again.Error, StringComparison.Ordinal);
        Assert.Equal(written, unchanged);
        Assert.Equal(0, forced.ExitCode);
        Assert.Null(repository.PlantedValueIn(first.All, written));
    }

    [Fact(Timeout = 120_000)]
    public async Task History_plan_prints_the_rotation_list_and_filter_repo_commands_without_running_them()
    {
        // Arrange: one leak in a file deleted since, one in a file still there.
        using var repository = new TempGitRepository();
        repository.Write("old/creds.txt", AwsLine(1)).Commit("creds");
        repository.Delete("old/creds.txt").Write("app/config.ini", "[aws]\n" + AwsLine(2)).Commit("config");
        repository.Git("remote", "add", "origin", "https://deploy:" + GitHubToken(3) + "@github.com/acme/app.git");
        var headBefore = repository.Head();

        // Act
        var run = await CliRunner.RunAsync(repository.Path, "history", "plan");

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1. Rotate these credentials first", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"- aws-access-token in old/creds\.txt:1 \(commit [0-9a-f]{7}\)", run.Output);
        Assert.Contains("git clone --mirror -- https://github.com/acme/app.git rewrite.git", run.Output, StringComparison.Ordinal);
        Assert.Contains("git filter-repo --invert-paths --path=old/creds.txt\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("git filter-repo --replace-text ../replacements.txt", run.Output, StringComparison.Ordinal);
        Assert.Contains("files still present (app/config.ini)", run.Output, StringComparison.Ordinal);
        Assert.Equal(headBefore, repository.Head());
        Assert.DoesNotContain(AwsKeyId(1), run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsKeyId(2), run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubToken(3), run.All, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task History_plan_lists_current_inventory_values_found_in_history_by_secret_commit_and_path()
    {
        // Arrange: the broken repository's current jwt_secret sits in a file of its first commit, deleted since.
        using var repository = SecretsRepository.Broken();
        var firstCommit = repository.Git.Git("rev-list", "--max-parents=0", "HEAD").Trim();
        var headBefore = repository.Git.Head();

        // Act
        var run = await CliRunner.RunAsync(repository.Path, repository.Environment(), "history", "plan");
        var locked = await CliRunner.RunAsync(repository.Path, "history", "plan");

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"   - jwt_secret (current value in the bundle) in config/settings.txt (commit {firstCommit[..7]})\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("   cisecrets rotate jwt_secret\n", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"git filter-repo --invert-paths( --path=\S+)* --path=config/settings\.txt", run.Output);
        Assert.DoesNotContain("were not searched", run.Output, StringComparison.Ordinal);
        Assert.Contains("Current inventory values were not searched: no age identity", locked.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("jwt_secret (current value", locked.Output, StringComparison.Ordinal);
        Assert.Equal(headBefore, repository.Git.Head());
        Assert.Null(repository.PlantedValueIn(run.All, locked.All));
    }

    [Fact(Timeout = 120_000)]
    public async Task History_plan_on_a_clean_history_says_so_and_exits_0()
    {
        using var repository = new TempGitRepository();
        repository.Write("a.txt", "nothing here\n").Commit();

        var run = await CliRunner.RunAsync(repository.Path, "history", "plan");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No leaks in history: nothing to rewrite.\n", run.Output);
    }
}
