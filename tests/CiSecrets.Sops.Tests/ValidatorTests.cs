using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

public sealed class ValidatorTests
{
    private readonly AgeIdentity _identity = AgeIdentity.Generate();

    private static IReadOnlyList<Finding> Validate(TempDirectory repo, SopsValidatorOptions? options = null) =>
        new SopsValidator(options).Validate(repo.Path, Directory.EnumerateFiles(repo.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(repo.Path, f)));

    private void WriteConfig(TempDirectory repo, string pathRegex, params AgeIdentity[] identities) =>
        File.WriteAllText(repo.Combine(".sops.yaml"), $"creation_rules:\n  - path_regex: {pathRegex}\n    age: {string.Join(",", identities.Select(i => i.Recipient.Text))}\n");

    private void WriteEncrypted(TempDirectory repo, string name, string plaintext, params AgeIdentity[] identities)
    {
        var path = repo.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, TestFiles.Encrypt(plaintext, SopsFormats.ForPath(name), TestFiles.RuleFor(identities.Length > 0 ? identities : [_identity])));
    }

    private static void GoodGitignore(TempDirectory repo) => File.WriteAllText(repo.Combine(".gitignore"), ".env\n*.secret\n*.key\nbin/\n");

    [Fact]
    public void A_clean_repository_has_no_findings()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        WriteConfig(repo, "secrets/.*\\.yaml$", _identity);
        WriteEncrypted(repo, "secrets/app.yaml", "password: correct-horse\n");
        File.WriteAllText(repo.Combine("README.md"), "# hello\n");

        // Act
        var findings = Validate(repo, new SopsValidatorOptions { Identities = [_identity], RequireMac = true });

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void A_rule_covered_file_in_clear_text_is_not_encrypted()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        WriteConfig(repo, "secrets/.*\\.yaml$", _identity);
        Directory.CreateDirectory(repo.Combine("secrets"));
        File.WriteAllText(repo.Combine("secrets", "db.yaml"), "password: correct-horse\n");

        // Act
        var findings = Validate(repo);

        // Assert
        var finding = Assert.Single(findings);
        Assert.Equal("sops/not-encrypted", finding.RuleId);
        Assert.Equal("secrets/db.yaml", finding.Path);
        Assert.DoesNotContain("correct-horse", finding.Message!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clear_value_inside_an_encrypted_file_is_reported_with_its_line()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        WriteEncrypted(repo, "app.enc.yaml", "a: one\nb: two\n");
        var text = File.ReadAllText(repo.Combine("app.enc.yaml"));
        var lines = text.Split('\n');
        lines[1] = "b: two-in-clear";
        File.WriteAllText(repo.Combine("app.enc.yaml"), string.Join('\n', lines));

        // Act
        var findings = Validate(repo, new SopsValidatorOptions { Identities = [_identity] });

        // Assert
        var clear = Assert.Single(findings, f => f.RuleId == "sops/value-not-encrypted");
        Assert.Equal(2, clear.Line);
        Assert.Contains("'b'", clear.Message!, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.RuleId == "sops/mac-mismatch");
    }

    [Fact]
    public void A_tampered_file_is_a_mac_mismatch_and_an_unopenable_file_is_unverified()
    {
        // Arrange
        using var repo = new TempDirectory();
        using var files = new GeneratedFiles();
        GoodGitignore(repo);
        File.WriteAllText(repo.Combine("reordered.sops.yaml"), Tampering.Apply(Tampering.ReorderedList, files.Text(GeneratedSamples.Yaml)));
        WriteEncrypted(repo, "other.sops.yaml", "x: y\n", AgeIdentity.Generate());

        // Act
        var findings = Validate(repo, new SopsValidatorOptions { Identities = files.Keys, RequireMac = true });

        // Assert
        Assert.Equal("sops/mac-mismatch", Assert.Single(findings, f => f.Path == "reordered.sops.yaml").RuleId);
        var unverified = Assert.Single(findings, f => f.Path == "other.sops.yaml");
        Assert.Equal("sops/mac-unverified", unverified.RuleId);
        Assert.Equal(Severity.Error, unverified.Severity);
    }

    [Fact]
    public void Recipients_that_differ_from_the_creation_rule_are_stale()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        var newcomer = AgeIdentity.Generate();
        WriteConfig(repo, "\\.yaml$", _identity, newcomer);
        WriteEncrypted(repo, "app.yaml", "token: abcdef\n", _identity);

        // Act
        var findings = Validate(repo, new SopsValidatorOptions { Identities = [_identity] });

        // Assert
        var stale = Assert.Single(findings);
        Assert.Equal("sops/stale-recipients", stale.RuleId);
        Assert.Contains(newcomer.Recipient.Text, stale.Message!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".env", "DB_PASSWORD=hunter2\n", true)]
    [InlineData("config/.env.production", "DB_PASSWORD=hunter2\n", true)]
    [InlineData("tls/server.key", "not really a key\n", true)]
    [InlineData("api.secret", "token\n", true)]
    [InlineData("secrets.json", "{\"a\": \"b\"}", true)]
    [InlineData("k8s/db.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n", true)]
    [InlineData("k8s/app.yaml", "apiVersion: v1\nkind: ConfigMap\n", false)]
    [InlineData(".env.example", "DB_PASSWORD=\n", false)]
    public void Plaintext_secrets_files_outside_any_rule_are_reported(string name, string content, bool reported)
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        var path = repo.Combine(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);

        // Act
        var findings = Validate(repo);

        // Assert
        Assert.Equal(reported, findings.Any(f => f.RuleId == "sops/plaintext-secret-manifest" && f.Path == name));
        Assert.All(findings, f => Assert.DoesNotContain("hunter2", f.Message!, StringComparison.Ordinal));
    }

    [Fact]
    public void Plaintext_secrets_are_not_reported_when_encryption_is_not_required()
    {
        // Arrange
        using var repo = new TempDirectory();
        File.WriteAllText(repo.Combine(".env"), "A=b\n");

        // Act
        var findings = Validate(repo, new SopsValidatorOptions { RequireEncrypted = false });

        // Assert
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData(null, ".env, *.secret, *.key")]
    [InlineData("node_modules/\n", ".env, *.secret, *.key")]
    [InlineData(".env*\n*.secret\n", "*.key")]
    [InlineData(".env\n*.secret\n*.key\n!.env\n", ".env")]
    [InlineData("**/.env\n*.[sS]ecret\n/*.key\n", null)]
    public void A_gitignore_that_lets_secrets_in_is_reported(string? gitignore, string? missing)
    {
        // Arrange
        using var repo = new TempDirectory();
        if (gitignore is not null)
        {
            File.WriteAllText(repo.Combine(".gitignore"), gitignore);
        }

        // Act
        var findings = Validate(repo);

        // Assert
        if (missing is null)
        {
            Assert.DoesNotContain(findings, f => f.RuleId == "sops/gitignore");
        }
        else
        {
            var finding = Assert.Single(findings, f => f.RuleId == "sops/gitignore");
            Assert.EndsWith(missing + (gitignore is null ? ")" : ""), finding.Message!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Incomplete_or_broken_metadata_is_reported_not_thrown()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        WriteEncrypted(repo, "no_mac.yaml", "a: b\nc: d\n");
        File.WriteAllLines(repo.Combine("no_mac.yaml"), File.ReadAllLines(repo.Combine("no_mac.yaml")).Where(l => !l.TrimStart().StartsWith("mac:", StringComparison.Ordinal)));
        File.WriteAllText(repo.Combine("broken.sops.yaml"), "a: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\nsops:\n    version: 3.13.2\n");

        // Act
        var findings = Validate(repo);

        // Assert
        Assert.Equal("sops/metadata-incomplete", Assert.Single(findings, f => f.Path == "no_mac.yaml").RuleId);
        Assert.Equal("sops/metadata-incomplete", Assert.Single(findings, f => f.Path == "broken.sops.yaml").RuleId);
    }

    [Fact]
    public void Every_rule_has_an_id_a_description_and_help()
    {
        // Arrange
        var rules = SopsValidator.Rules;

        // Act
        var ids = rules.Select(r => r.Id).ToList();

        // Assert
        Assert.Equal(8, ids.Distinct().Count());
        Assert.All(rules, r => Assert.StartsWith("sops/", r.Id, StringComparison.Ordinal));
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Help)));
    }

    [Fact]
    public void Parallel_validation_counts_what_it_checked_and_keeps_findings_in_path_order()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        WriteConfig(repo, "\\.yaml$", _identity);
        for (var i = 0; i < 40; i++)
        {
            WriteEncrypted(repo, $"s{i:D2}.yaml", $"password: value-{i}\n");
            File.WriteAllText(repo.Combine($"p{i:D2}.yaml"), "password: in-clear\n");
        }

        // Act
        var serial = new SopsValidator(new SopsValidatorOptions { Identities = [_identity], Parallelism = 1 }).Run(repo.Path, Directory.EnumerateFiles(repo.Path));
        var parallel = new SopsValidator(new SopsValidatorOptions { Identities = [_identity], Parallelism = 4 }).Run(repo.Path, Directory.EnumerateFiles(repo.Path));

        // Assert
        Assert.Equal((81, 40, 40), (parallel.FilesChecked, parallel.SopsFiles, parallel.MacsVerified));
        Assert.Equal(serial.Findings, parallel.Findings);
        Assert.Equal([.. Enumerable.Range(0, 40).Select(i => $"p{i:D2}.yaml")], parallel.Findings.Select(f => f.Path));
    }

    [Fact]
    public void A_plaintext_secrets_file_is_a_warning_unless_plaintext_secrets_block()
    {
        // Arrange
        using var repo = new TempDirectory();
        GoodGitignore(repo);
        File.WriteAllText(repo.Combine("secret.yaml"), "apiVersion: v1\nkind: Secret\nstringData:\n    a: b\n");

        // Act
        var reported = Validate(repo, new SopsValidatorOptions { BlockPlaintextSecrets = false });
        var blocking = Validate(repo);

        // Assert
        Assert.Equal(Severity.Warning, Assert.Single(reported).Severity);
        Assert.Equal("sops/plaintext-secret-manifest", Assert.Single(blocking).RuleId);
        Assert.Equal(Severity.Error, Assert.Single(blocking).Severity);
    }
}
