using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class GatePhaseTests
{
    [Fact(Timeout = 120_000)]
    public async Task Each_problem_of_the_broken_repository_fails_its_check_with_the_detail_and_no_value()
    {
        // Arrange
        using var repository = SecretsRepository.Broken();

        // Act
        var preMerge = await GateRun.PhaseAsync(repository, "pre-merge");
        var deploy = await GateRun.PhaseAsync(repository, "deploy");

        // Assert
        Assert.Equal(CheckStatus.Fail, preMerge.Status);
        Assert.Equal(CheckStatus.Fail, deploy.Status);

        var strength = deploy.Result("secret-strength");
        Assert.Equal(CheckStatus.Fail, strength.Status);
        Assert.Contains("postgres_password is a placeholder or default", strength.Detail, StringComparison.Ordinal);
        Assert.Contains("redis_password, grafana_admin_password share one value", strength.Detail, StringComparison.Ordinal);

        var age = deploy.Result("rotation-age");
        Assert.Equal(CheckStatus.Fail, age.Status);
        Assert.StartsWith("overdue: stack_api_key was due 2020-03-31 (last rotated 2020-01-01, every 90d)", age.Detail, StringComparison.Ordinal);

        var inventory = deploy.Result("inventory");
        Assert.Equal(CheckStatus.Fail, inventory.Status);
        Assert.Equal("secrets/bundle.sops.yaml [\"legacy\"][\"token\"] is not in the inventory", inventory.Detail);

        var history = deploy.Result("live-values-in-history");
        Assert.Equal(CheckStatus.Fail, history.Status);
        var firstCommit = repository.Git.Git("rev-list", "--max-parents=0", "HEAD").Trim();
        Assert.Equal($"jwt_secret is in commit {firstCommit[..7]} config/settings.txt", history.Detail);

        var permissions = deploy.Result("permissions");
        Assert.Equal(CheckStatus.Fail, permissions.Status);
        Assert.Equal("deploy/.env is mode 644, should be 600", permissions.Detail);

        Assert.Equal(new CheckResult(CheckStatus.Skipped, "no kubeconfig"), deploy.Result("cluster"));

        var encrypted = preMerge.Result("require-encrypted");
        Assert.Equal(CheckStatus.Fail, encrypted.Status);
        Assert.Equal("plaintext secrets: k8s/app-secret.yaml is not encrypted", encrypted.Detail);

        Assert.Equal(CheckStatus.Fail, preMerge.Result("gitignore").Status);
        Assert.Equal("not ignored by .gitignore: .env, *.secret, *.key", preMerge.Result("gitignore").Detail);
        Assert.Equal(CheckStatus.Pass, preMerge.Result("sops").Status);

        var leaks = preMerge.Result("leaks");
        Assert.Equal(CheckStatus.Fail, leaks.Status);
        Assert.Contains("k8s/app-secret.yaml", leaks.Detail, StringComparison.Ordinal);

        Assert.Null(repository.PlantedValueIn([.. preMerge.Outcomes.Concat(deploy.Outcomes).Select(o => o.Result.Detail)]));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_fixed_repository_passes_every_phase()
    {
        using var repository = SecretsRepository.Fixed();

        var preMerge = await GateRun.PhaseAsync(repository, "pre-merge");
        var deploy = await GateRun.PhaseAsync(repository, "deploy");

        Assert.All(preMerge.Outcomes, o => Assert.True(o.Result.Status == CheckStatus.Pass, $"{o.Entry.Check}: {o.Result.Status} {o.Result.Detail}"));
        Assert.All(deploy.Outcomes.Where(o => o.Entry.Check != "cluster"), o => Assert.True(o.Result.Status == CheckStatus.Pass, $"{o.Entry.Check}: {o.Result.Status} {o.Result.Detail}"));
        Assert.Equal(CheckStatus.Pass, preMerge.Status);
        Assert.Equal(CheckStatus.Pass, deploy.Status);
        Assert.Equal("5 secret(s) strong and unique", deploy.Result("secret-strength").Detail);
        Assert.Equal("5 value(s) searched in every blob of the history: none found", deploy.Result("live-values-in-history").Detail);
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_an_age_identity_value_checks_are_skipped_and_a_blocking_skip_fails_the_phase()
    {
        using var repository = SecretsRepository.Fixed();

        var deploy = await GateRun.PhaseAsync(repository, "deploy", environment: []);

        var strength = deploy.Outcomes.Single(o => o.Entry.Check == "secret-strength");
        Assert.Equal(CheckStatus.Skipped, strength.Result.Status);
        Assert.StartsWith("no age identity", strength.Result.Detail, StringComparison.Ordinal);
        Assert.True(strength.Blocks);
        Assert.Equal(CheckStatus.Skipped, deploy.Result("inventory").Status);
        Assert.False(deploy.Outcomes.Single(o => o.Entry.Check == "inventory").Blocks);
        Assert.Equal(CheckStatus.Fail, deploy.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_secret_within_the_last_tenth_of_its_interval_warns()
    {
        using var repository = SecretsRepository.Fixed();

        var soon = await GateRun.PhaseAsync(repository, "deploy", now: TestClock.Now.AddDays(85));
        var later = await GateRun.PhaseAsync(repository, "deploy", now: TestClock.Now.AddDays(91));

        Assert.Equal(CheckStatus.Warn, soon.Result("rotation-age").Status);
        Assert.StartsWith("due soon: postgres_password is due ", soon.Result("rotation-age").Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, soon.Status);
        Assert.Equal(CheckStatus.Fail, later.Result("rotation-age").Status);
        Assert.Equal(CheckStatus.Fail, later.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task REQUIRE_ENCRYPTED_SECRETS_adds_a_blocking_require_encrypted_check_to_any_phase()
    {
        using var repository = SecretsRepository.Broken();
        var environment = repository.Environment();
        environment["REQUIRE_ENCRYPTED_SECRETS"] = "true";

        var deploy = await GateRun.PhaseAsync(repository, "deploy", environment);
        var withoutVariable = await GateRun.PhaseAsync(repository, "deploy");

        var required = deploy.Outcomes[0];
        Assert.Equal("require-encrypted", required.Entry.Check);
        Assert.True(required.Blocks);
        Assert.DoesNotContain(withoutVariable.Outcomes, o => o.Entry.Check == "require-encrypted");
    }

    [Fact(Timeout = 120_000)]
    public async Task An_unknown_phase_is_an_input_error_naming_the_phases()
    {
        using var repository = SecretsRepository.Fixed();

        var error = await Assert.ThrowsAsync<InputException>(() => GateRun.PhaseAsync(repository, "phase-9"));

        Assert.Equal("no gate phase named 'phase-9' (phases: pre-merge, deploy)", error.Problem);
    }

    [Fact]
    public void Every_check_the_policy_can_name_exists_with_a_description()
    {
        Assert.Equal(Inventory.GateCheckEntry.KnownChecks, GateChecks.All.Select(c => c.Name));
        Assert.All(GateChecks.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }
}
