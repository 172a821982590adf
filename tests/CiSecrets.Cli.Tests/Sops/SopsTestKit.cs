using System.Text;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Cli.Tests.Sops;

/// <summary>Age keys made at run time and the files and environments the sops command tests need.</summary>
internal static class SopsTestKit
{
    /// <summary>An environment holding only this identity (no HOME, so no default keys.txt is read).</summary>
    public static Dictionary<string, string> KeyEnvironment(AgeIdentity identity) => new() { ["SOPS_AGE_KEY"] = identity.ExportSecret() };

    public static string Config(params (string PathRegex, AgeIdentity[] Recipients)[] rules) =>
        "creation_rules:\n" + string.Concat(rules.Select(r => $"  - path_regex: {r.PathRegex}\n    age: {string.Join(",", r.Recipients.Select(i => i.Recipient.Text))}\n"));

    public static string Encrypt(string plaintext, string fileName, params AgeIdentity[] recipients) =>
        SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plaintext), SopsFormats.ForPath(fileName), SopsCreationRule.ForAge(recipients.Select(r => r.Recipient)), fileName, TestClock.Now);

    /// <summary>A value nobody could mistake for anything but the secret under test.</summary>
    public static string SecretValue() => "pw-" + Guid.NewGuid().ToString("N");

    /// <summary>A multi-document bundle of Kubernetes Secret manifests, as teams keep them.</summary>
    public static string SecretManifests(string password, string token) => SecretManifestYaml.Bundle(
        SecretManifestYaml.Secret("postgres-credentials", "apps", stringData: new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = password }),
        SecretManifestYaml.Secret("api-token", stringData: new Dictionary<string, string> { ["TOKEN"] = token }));
}
