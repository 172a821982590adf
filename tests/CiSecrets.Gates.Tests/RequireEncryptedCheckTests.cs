using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class RequireEncryptedCheckTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_tracked_plaintext_env_file_and_key_file_fail_require_encrypted_while_an_example_env_does_not()
    {
        // Arrange: forced past .gitignore, the way these files usually get in.
        using var repository = SecretsRepository.Fixed();
        repository.Git.Write("config/.env", "DATABASE_URL=postgres://app@db/app\n")
            .Write("config/.env.example", "DATABASE_URL=\n")
            .Write("certs/server.key", "placeholder key material\n");
        repository.Git.Git("add", "-f", "config/.env", "config/.env.example", "certs/server.key");
        repository.Git.Commit("Local config");

        // Act
        var preMerge = await GateRun.PhaseAsync(repository, "pre-merge");

        // Assert
        var encrypted = preMerge.Result("require-encrypted");
        Assert.Equal(CheckStatus.Fail, encrypted.Status);
        Assert.Equal("plaintext secrets: certs/server.key is not encrypted; config/.env is not encrypted", encrypted.Detail);
        Assert.Equal(CheckStatus.Fail, preMerge.Status);
    }
}
