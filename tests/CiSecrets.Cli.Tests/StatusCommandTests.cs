using System.Text.Json;
using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

public sealed class StatusCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Status_shows_presence_strength_consumers_and_rotation_without_values_and_exits_1_when_something_is_wrong()
    {
        // Arrange
        using var repository = SecretsRepository.Broken();

        // Act
        var text = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status");
        var json = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status", "--format", "json");
        var locked = await CliRunner.RunAsync(repository.Path, "status");

        // Assert
        Assert.Equal(1, text.ExitCode);
        Assert.EndsWith("2 secret(s) missing, weak or overdue: postgres_password, stack_api_key\n", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"postgres_password\s+password\s+yes\s+is a placeholder or default\s+postgres, aidb\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d", text.Output);
        Assert.Matches(@"stack_api_key\s+api-key\s+yes\s+ok\s+stack\s+2020-01-01\s+2020-03-31", text.Output);

        using var document = JsonDocument.Parse(json.Output);
        var jwt = document.RootElement.GetProperty("secrets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "jwt_secret");
        Assert.True(jwt.GetProperty("present").GetBoolean());
        Assert.True(jwt.GetProperty("strengthOk").GetBoolean());
        Assert.Equal("signing-key", jwt.GetProperty("kind").GetString());

        Assert.Equal(1, json.ExitCode);
        Assert.False(document.RootElement.GetProperty("secrets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "postgres_password").GetProperty("ok").GetBoolean());
        Assert.True(jwt.GetProperty("ok").GetBoolean());

        Assert.Equal(1, locked.ExitCode);
        Assert.Matches(@"redis_password\s+password\s+\?\s+\?\s+redis, aidb", locked.Output);
        Assert.Contains("Values not checked: no age identity", locked.Output, StringComparison.Ordinal);

        Assert.Null(repository.PlantedValueIn(text.All, json.All, locked.All));
    }

    [Fact(Timeout = 120_000)]
    public async Task Status_exits_0_when_every_secret_is_present_strong_and_in_date_and_1_for_a_missing_or_overdue_one()
    {
        // Arrange
        using var repository = SecretsRepository.Fixed();

        // Act
        var clean = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status");
        var locked = await CliRunner.RunAsync(repository.Path, "status");
        repository.Git.Write(".cisecrets.yaml", SecretsRepository.Inventory.Replace("secrets:\n", "secrets:\n  - name: smtp_password\n    kind: password\n    path: smtp.password\n", StringComparison.Ordinal));
        var missing = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status");
        repository.Git.Write(".cisecrets.yaml", SecretsRepository.Inventory).Write(".cisecrets-rotations.yaml", "redis_password: 2020-01-01T00:00:00Z\n");
        var overdue = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status");

        // Assert
        Assert.True(clean.ExitCode == 0, clean.All);
        Assert.DoesNotContain("missing, weak or overdue", clean.Output, StringComparison.Ordinal);
        Assert.True(locked.ExitCode == 0, locked.All);
        Assert.Equal(1, missing.ExitCode);
        Assert.Matches(@"smtp_password\s+password\s+no\s", missing.Output);
        Assert.EndsWith("1 secret(s) missing, weak or overdue: smtp_password\n", missing.Output, StringComparison.Ordinal);
        Assert.Equal(1, overdue.ExitCode);
        Assert.EndsWith("1 secret(s) missing, weak or overdue: redis_password\n", overdue.Output, StringComparison.Ordinal);
        Assert.Null(repository.PlantedValueIn(clean.All, missing.All, overdue.All));
    }
}
