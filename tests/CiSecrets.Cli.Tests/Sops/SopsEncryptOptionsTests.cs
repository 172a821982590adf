using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary><c>sops encrypt --age</c> replaces the creation rule's keys; <c>--input-type</c> / <c>--output-type</c> replace the store the extension picks.</summary>
public sealed class SopsEncryptOptionsTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();

    [Fact(Timeout = 120_000)]
    public async Task Age_recipients_replace_the_rule_keys_and_keep_its_encryption_rules()
    {
        // Arrange
        var ops = AgeIdentity.Generate();
        var backup = AgeIdentity.Generate();
        var password = SecretValue();
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(".sops.yaml"), "creation_rules:\n  - path_regex: \\.yaml$\n    encrypted_regex: ^password$\n    age: " + _team.Recipient.Text + "\n");
        File.WriteAllText(folder.Combine("app.yaml"), $"user: app\npassword: {password}\n");

        // Act
        var run = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.yaml", "--age", $"{ops.Recipient.Text}, {backup.Recipient.Text}");

        // Assert
        Assert.True(run.ExitCode == 0, run.Error);
        var status = SopsFiles.Status(folder.Combine("app.yaml"));
        Assert.Equal([ops.Recipient.Text, backup.Recipient.Text], status.Recipients.Select(r => r.Identifier));
        var text = File.ReadAllText(folder.Combine("app.yaml"));
        Assert.StartsWith("user: app\npassword: ENC[", text, StringComparison.Ordinal); // encrypted_regex of the rule still applies
        Assert.Equal(password, SopsFiles.Decrypt(folder.Combine("app.yaml"), [backup]).ToFlatDictionary()["password"]);
        Assert.Throws<SopsException>(() => SopsFiles.Decrypt(folder.Combine("app.yaml"), [_team]));
        Assert.DoesNotContain(password, run.All, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Age_recipients_need_no_config_and_a_bad_one_changes_nothing()
    {
        // Arrange
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("app.env"), "TOKEN=abc\n");

        // Act
        var bad = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.env", "--age", "age1notakey");
        var afterBad = File.ReadAllText(folder.Combine("app.env"));
        var good = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.env", "--age", _team.Recipient.Text);

        // Assert
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("cisecrets: --age: 'age1notakey' is not a valid age X25519 recipient (age1…)", bad.Error.Trim());
        Assert.Equal("TOKEN=abc\n", afterBad);
        Assert.Equal(0, good.ExitCode);
        Assert.Equal("abc", SopsFiles.Decrypt(folder.Combine("app.env"), [_team]).ToFlatDictionary()["TOKEN"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Input_and_output_types_override_the_extension()
    {
        // Arrange: a JSON file whose name sops would read as binary.
        var password = SecretValue();
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine(".sops.yaml"), Config(("", [_team])));
        File.WriteAllText(folder.Combine("app.conf"), $"{{\"db\": {{\"password\": \"{password}\", \"port\": 5432}}}}\n");

        // Act
        var asJson = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.conf", "--input-type", "json", "--output", "app.enc.conf");
        var asYaml = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.conf", "--input-type", "json", "--output-type", "yaml", "--output", "app.enc.yaml");
        var unknown = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.conf", "--input-type", "toml");
        var toBinary = await CliRunner.RunAsync(folder.Path, "sops", "encrypt", "app.conf", "--input-type", "json", "--output-type", "binary");
        var decrypted = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "decrypt", "app.enc.conf", "--input-type", "json");
        var decryptedAsBinary = await CliRunner.RunAsync(folder.Path, KeyEnvironment(_team), "sops", "decrypt", "app.enc.conf");

        // Assert
        Assert.Equal((0, 0), (asJson.ExitCode, asYaml.ExitCode));
        var json = SopsFiles.Decrypt(folder.Combine("app.enc.conf"), [_team], SopsFormat.Json);
        Assert.Equal(password, json.ToFlatDictionary()["db.password"]);
        Assert.Equal(ScalarKind.Int, ((SopsScalar)json.Find(SopsPath.Parse("db.port"))!).Kind);
        Assert.StartsWith("db:\n    password: ENC[", File.ReadAllText(folder.Combine("app.enc.yaml")), StringComparison.Ordinal);
        Assert.Equal($"db:\n    password: {password}\n    port: 5432\n", System.Text.Encoding.UTF8.GetString(SopsFiles.Decrypt(folder.Combine("app.enc.yaml"), [_team]).ToPlaintext()));
        Assert.Equal((2, 2), (unknown.ExitCode, toBinary.ExitCode));
        Assert.Contains("cannot be written as binary", toBinary.Error, StringComparison.Ordinal);
        Assert.Equal(0, decrypted.ExitCode);
        Assert.Contains($"\"password\": \"{password}\"", decrypted.Output, StringComparison.Ordinal);
        Assert.Equal(2, decryptedAsBinary.ExitCode);
        Assert.Contains("app.enc.conf: no binary data in the file", decryptedAsBinary.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, decryptedAsBinary.All, StringComparison.Ordinal);
        Assert.Equal($"{{\"db\": {{\"password\": \"{password}\", \"port\": 5432}}}}\n", File.ReadAllText(folder.Combine("app.conf")));
    }
}
