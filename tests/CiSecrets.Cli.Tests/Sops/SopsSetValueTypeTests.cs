using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary><c>sops set --value-type</c>: typed values from standard input, and a value of the wrong type refused without being shown.</summary>
public sealed class SopsSetValueTypeTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();

    [Theory(Timeout = 120_000)]
    [InlineData("int", "5433\n", ScalarKind.Int, "5433")]
    [InlineData("float", "0.75", ScalarKind.Float, "0.75")]
    [InlineData("bool", "true\n", ScalarKind.Bool, "true")]
    [InlineData("json", "42", ScalarKind.Int, "42")]
    [InlineData("json", "\"5432\"", ScalarKind.String, "\"5432\"")]
    [InlineData("json", "false", ScalarKind.Bool, "false")]
    [InlineData("string", "5432", ScalarKind.String, "\"5432\"")]
    public async Task A_typed_value_is_stored_with_its_type(string type, string input, ScalarKind kind, string json)
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = folder.Combine("app.json");
        File.WriteAllText(path, Encrypt("{\"db\": {\"port\": 1, \"user\": \"app\"}}\n", "app.json", _team));

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(_team), input, "sops", "set", "app.json", "db.port", "--value-type", type);

        // Assert
        Assert.True(run.ExitCode == 0, run.Error);
        var decrypted = SopsFiles.Decrypt(path, [_team]);
        Assert.Equal(kind, ((SopsScalar)decrypted.Find(SopsPath.Parse("db.port"))!).Kind);
        Assert.Contains($"\"port\": {json}", System.Text.Encoding.UTF8.GetString(decrypted.ToPlaintext()), StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("int", "not-a-number", "is not an integer")]
    [InlineData("float", "1.2.3-hunter7", "is not a number")]
    [InlineData("bool", "yes-hunter7", "is not true or false")]
    [InlineData("json", "{not json hunter7", "is not a JSON value")]
    [InlineData("json", "{\"a\": \"hunter7\"}", "is a JSON object or array")]
    public async Task A_value_of_the_wrong_type_is_refused_without_showing_it(string type, string input, string problem)
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = folder.Combine("app.yaml");
        var original = Encrypt("port: 1\n", "app.yaml", _team);
        File.WriteAllText(path, original);

        // Act
        var run = await CliRunner.RunWithInputAsync(folder.Path, KeyEnvironment(_team), input, "sops", "set", "app.yaml", "port", "--value-type", type);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("app.yaml: the value on standard input " + problem, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter7", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-number", run.All, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(path));
    }
}
