using System.Text.Json;
using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests;

public sealed class StatusCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Status_shows_presence_strength_consumers_and_rotation_without_values()
    {
        // Arrange
        using var repository = SecretsRepository.Broken();

        // Act
        var text = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status");
        var json = await CliRunner.RunAsync(repository.Path, repository.Environment(), "status", "--format", "json");
        var locked = await CliRunner.RunAsync(repository.Path, "status");

        // Assert
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"postgres_password\s+password\s+yes\s+is a placeholder or default\s+postgres, aidb\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d", text.Output);
        Assert.Matches(@"stack_api_key\s+api-key\s+yes\s+ok\s+stack\s+2020-01-01\s+2020-03-31", text.Output);

        using var document = JsonDocument.Parse(json.Output);
        var jwt = document.RootElement.GetProperty("secrets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "jwt_secret");
        Assert.True(jwt.GetProperty("present").GetBoolean());
        Assert.True(jwt.GetProperty("strengthOk").GetBoolean());
        Assert.Equal("signing-key", jwt.GetProperty("kind").GetString());

        Assert.Equal(0, locked.ExitCode);
        Assert.Matches(@"redis_password\s+password\s+\?\s+\?\s+redis, aidb", locked.Output);
        Assert.Contains("Values not checked: no age identity", locked.Output, StringComparison.Ordinal);

        Assert.Null(repository.PlantedValueIn(text.All, json.All, locked.All));
    }
}
