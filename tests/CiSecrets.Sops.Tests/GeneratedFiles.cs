using System.Text.Json.Nodes;
using System.Security.Cryptography;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// Sops files the library encrypts at run time, in a temp folder of their own, for tests that need sops files
/// but not files the sops tool wrote (those read <see cref="Vectors"/> and form the external interop group).
/// Three age identities are generated per instance: every single-group file is encrypted for the first two,
/// the Shamir file has one group per identity and a threshold of 2. Each file is written on first use.
/// </summary>
internal sealed class GeneratedFiles : IDisposable
{
    public const string PgpOnly = "pgp-only.json";

    private readonly TempDirectory _folder = new("cisecrets-sops");
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    public AgeIdentity First { get; } = AgeIdentity.Generate();

    public AgeIdentity Second { get; } = AgeIdentity.Generate();

    /// <summary>The third Shamir group's identity; it opens no other file.</summary>
    public AgeIdentity Third { get; } = AgeIdentity.Generate();

    /// <summary>The two identities every single-group file is encrypted for.</summary>
    public IReadOnlyList<AgeIdentity> Keys => [First, Second];

    public IReadOnlyList<AgeIdentity> AllKeys => [First, Second, Third];

    /// <summary>Two made-up PGP fingerprints, for <see cref="PgpOnly"/>.</summary>
    public IReadOnlyList<string> PgpFingerprints { get; } = [RandomNumberGenerator.GetHexString(40), RandomNumberGenerator.GetHexString(40)];

    public string Folder => _folder.Path;

    /// <summary>The path of the named file (a <see cref="GeneratedSamples"/> name or <see cref="PgpOnly"/>), encrypted on first use.</summary>
    public string PathOf(string name)
    {
        if (!_written.TryGetValue(name, out var path))
        {
            path = _folder.Combine(name);
            File.WriteAllText(path, name == PgpOnly ? PgpOnlyText() : Encrypt(GeneratedSamples.Named(name)));
            _written[name] = path;
        }

        return path;
    }

    public string Text(string name) => File.ReadAllText(PathOf(name));

    public SopsFile Load(string name) => SopsFile.Load(PathOf(name));

    /// <summary>The named file's text with <paramref name="change"/> applied, written beside it as <paramref name="name"/>.</summary>
    public string WriteVariant(string source, string name, Func<string, string> change)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, change(Text(source)));
        return path;
    }

    /// <summary>A fresh ENC[...] value (the encrypted <c>myapp1</c> of the YAML sample): well formed, but from another file.</summary>
    public string EncryptedValue() => TestFiles.ValueOf(Text(GeneratedSamples.Yaml), "myapp1: ");

    public void Dispose() => _folder.Dispose();

    private string Encrypt(GeneratedSample sample)
    {
        var rule = sample.Shamir
            ? SopsCreationRule.ForAgeGroups(AllKeys.Select(i => new[] { i.Recipient }), 2, sample.Rules)
            : SopsCreationRule.ForAge(Keys.Select(i => i.Recipient), sample.Rules);
        return TestFiles.Encrypt(sample.Plaintext, SopsFormats.ForPath(sample.Name), rule, sample.Name);
    }

    /// <summary>The JSON sample with its data key wrapped for PGP only (made-up fingerprints): a file this library can read but not open.</summary>
    private string PgpOnlyText()
    {
        var root = JsonNode.Parse(Text(GeneratedSamples.Json))!.AsObject();
        var sops = root["sops"]!.AsObject();
        sops["age"] = null;
        sops["pgp"] = new JsonArray([.. PgpFingerprints.Select(fp => (JsonNode)new JsonObject
        {
            ["created_at"] = "2024-01-01T00:00:00Z",
            ["enc"] = "-----BEGIN PGP MESSAGE-----\n\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) + "\n-----END PGP MESSAGE-----\n",
            ["fp"] = fp,
        })]);
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
