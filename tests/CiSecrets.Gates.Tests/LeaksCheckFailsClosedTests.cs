using CiSecrets.Scanning.Configuration;
using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

/// <summary>The leaks check never passes a scan that could not evaluate everything, or a repository it cannot read.</summary>
public sealed class LeaksCheckFailsClosedTests
{
    [Fact(Timeout = 120_000)]
    public async Task The_leaks_check_fails_when_a_user_rule_timed_out_naming_the_rule()
    {
        // Arrange
        using var repository = SecretsRepository.Fixed();
        repository.Git.Write("input.txt", "acme_" + new string('a', 40) + "\n").Commit("slow input");
        var rule = CustomRule.Create("test", "acme-slow", null, "acme_((a|a)+)+b(?!c)", ["acme_"], 0, null, null);
        var context = GateRun.Context(repository);
        context = new GateContext(context.RepositoryRoot, context.Inventory, context.Environment, context.Identities, context.Now)
        {
            ScanSettings = new ScanSettings { Rules = [rule], Parallelism = 1 },
        };

        // Act
        var verdict = await GateRunner.RunAsync("pre-merge", context, CancellationToken.None);

        // Assert
        var leaks = verdict.Result("leaks");
        Assert.Equal(CheckStatus.Fail, leaks.Status);
        Assert.StartsWith("the scan of the whole history is incomplete: Rule acme-slow timed out 1 time(s)", leaks.Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_leaks_check_on_a_repository_with_a_truncated_pack_stops_the_gate_naming_the_pack()
    {
        // Arrange
        using var repository = SecretsRepository.Fixed();
        repository.Git.Git("gc", "-q");
        var pack = Directory.GetFiles(Path.Combine(repository.Path, ".git", "objects", "pack"), "*.pack").Single();
        File.SetAttributes(pack, FileAttributes.Normal);
        using (var file = new FileStream(pack, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length - 100);
        }

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => GateRun.PhaseAsync(repository, "pre-merge"));

        // Assert
        Assert.Contains(Path.GetFileName(pack), error.Message, StringComparison.Ordinal);
    }
}
