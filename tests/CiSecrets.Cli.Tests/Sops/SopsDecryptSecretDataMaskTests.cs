using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;
using static CiSecrets.Cli.Tests.Sops.SopsTestKit;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>A Kubernetes Secret's <c>data</c> is base64: in Actions both the base64 and the decoded value are masked.</summary>
public sealed class SopsDecryptSecretDataMaskTests
{
    [Fact(Timeout = 120_000)]
    public async Task Decrypting_a_secret_manifest_in_actions_masks_each_data_value_encoded_and_decoded()
    {
        // Arrange
        var team = AgeIdentity.Generate();
        var value = SecretValue();
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        using var folder = new TempDirectory();
        var manifest = $"apiVersion: v1\nkind: Secret\nmetadata:\n    name: api\ndata:\n    API_KEY: {encoded}\n";
        File.WriteAllText(folder.Combine("secret.yaml"), Encrypt(manifest, "secret.yaml", team));
        var environment = new Dictionary<string, string>(KeyEnvironment(team)) { ["GITHUB_ACTIONS"] = "true" };

        // Act
        var run = await CliRunner.RunAsync(folder.Path, environment, "sops", "decrypt", "secret.yaml");

        // Assert
        Assert.Equal(0, run.ExitCode);
        var masks = run.Output[..run.Output.IndexOf("apiVersion", StringComparison.Ordinal)];
        Assert.Contains($"::add-mask::{encoded}\n", masks, StringComparison.Ordinal);
        Assert.Contains($"::add-mask::{value}\n", masks, StringComparison.Ordinal);
    }
}
