using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class SopsCheckTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_failing_sops_check_at_level_warn_makes_the_phase_warn_not_fail()
    {
        // Arrange: .sops.yaml now names a recipient the bundle was not encrypted to.
        using var repository = SecretsRepository.Fixed();
        var newcomer = AgeIdentity.Generate();
        repository.Git.Write(".sops.yaml", $"creation_rules:\n  - path_regex: secrets/.*\\.sops\\.yaml$\n    age: {newcomer.Recipient.Text}\n");
        repository.Git.Write(".cisecrets.yaml", SecretsRepository.Inventory.Replace("    - check: sops\n", "    - { check: sops, level: warn }\n", StringComparison.Ordinal));
        repository.Git.Commit("Add a recipient without updatekeys");

        // Act
        var preMerge = await GateRun.PhaseAsync(repository, "pre-merge");

        // Assert
        var sops = preMerge.Outcomes.Single(o => o.Entry.Check == "sops");
        Assert.Equal(CheckStatus.Fail, sops.Result.Status);
        Assert.StartsWith("sops/stale-recipients: ", sops.Result.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, sops.Effect);
        Assert.False(sops.Blocks);
        Assert.Equal(CheckStatus.Warn, preMerge.Status);
        Assert.True(preMerge.Passed);
    }
}
