using System.Security.Cryptography;
using System.Text;
using CiSecrets.Testing;

namespace CiSecrets.Gates.Tests;

public sealed class LiveValuesInHistoryTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_value_under_8_characters_is_searched_and_reported_only_where_it_stands_as_a_whole_token()
    {
        // Arrange: a 6-character password committed once on its own and once inside a longer word.
        using var repository = SecretsRepository.Fixed();
        var shortValue = RandomNumberGenerator.GetHexString(6, lowercase: true);
        var first = repository.Git.Write("config/local.ini", $"[db]\npassword={shortValue}\n")
            .Write("docs/ids.txt", $"build id x{shortValue}y\n")
            .Commit("Local settings");
        repository.Git.Delete("config/local.ini").Delete("docs/ids.txt");
        repository.WriteBundle(new()
        {
            ["postgres.password"] = shortValue,
            ["redis.password"] = "rd-" + Guid.NewGuid().ToString("N"),
            ["grafana.admin_password"] = "gf-" + Guid.NewGuid().ToString("N"),
            ["stack.api_key"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64)),
            ["api.jwt_secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
        });
        repository.Git.Commit("Short password");

        // Act
        var deploy = await GateRun.PhaseAsync(repository, "deploy");

        // Assert
        var history = deploy.Result("live-values-in-history");
        Assert.Equal(CheckStatus.Fail, history.Status);
        Assert.Equal($"postgres_password (under 8 characters, matched as a whole token) is in commit {first[..7]} config/local.ini", history.Detail);
        Assert.DoesNotContain(shortValue, history.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password=abc123\n", "abc123", true, true)]
    [InlineData("abc123", "abc123", true, true)]
    [InlineData("\"abc123\"", "abc123", true, true)]
    [InlineData("xabc123", "abc123", true, false)]
    [InlineData("abc123_old", "abc123", true, false)]
    [InlineData("my-abc123 and abc1234", "abc123", true, false)]
    [InlineData("abc1234 then abc123.", "abc123", true, true)]
    [InlineData("xabc123y", "abc123", false, true)]
    [InlineData("nothing here", "abc123", false, false)]
    public void Whole_token_matching_looks_past_embedded_occurrences(string content, string needle, bool wholeToken, bool expected)
    {
        Assert.Equal(expected, LiveValueSearch.Contains(Encoding.UTF8.GetBytes(content), Encoding.UTF8.GetBytes(needle), wholeToken));
    }
}
