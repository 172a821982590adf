using CiSecrets.Sops;
using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class GitignoreCheckTests
{
    [Fact(Timeout = 120_000)]
    public async Task The_gitignore_check_and_the_sops_validator_give_one_answer_from_the_committed_gitignore_only()
    {
        // Arrange: *.key is excluded only on this machine (.git/info/exclude), which protects no other clone.
        using var repository = SecretsRepository.Fixed();
        repository.Git.Write(".gitignore", "**/.env\n*.[sS]ecret\nbuild/\n").Commit("Narrower .gitignore");
        repository.Git.Write(".git/info/exclude", "*.key\n");

        // Act
        var preMerge = await GateRun.PhaseAsync(repository, "pre-merge");
        var validator = new SopsValidator().Validate(repository.Path, []);

        // Assert
        Assert.Equal(new CheckResult(CheckStatus.Fail, "not ignored by .gitignore: *.key"), preMerge.Result("gitignore"));
        var finding = Assert.Single(validator, f => f.RuleId == SopsRules.Gitignore.Id);
        Assert.Equal(".gitignore does not ignore *.key", finding.Message);
    }
}
