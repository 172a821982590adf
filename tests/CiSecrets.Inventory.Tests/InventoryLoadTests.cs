namespace CiSecrets.Inventory.Tests;

public sealed class InventoryLoadTests
{
    private const string Complete = """
        bundle: secrets/bundle.sops.yaml
        defaults:
          rotation-interval: 60d
          min-length: 24
        secrets:
          - name: postgres_password
            kind: password
            path: '["postgres"]["password"]'
            kubernetes: { secret: postgres-credentials, key: POSTGRES_PASSWORD, namespace: apps }
            consumers: [postgres, aidb]
            rotation-interval: 30d
            database: { engine: postgres, user: app }
          - name: stack_api_key
            kind: api-key
            path: stack.api_key
            consumers: [stack]
          - name: session_token
            kind: token
            bundle: secrets/other.sops.yaml
            path: session.token
            rotation-interval: 12h
            min-length: 30
          - name: jwt_secret
            kind: signing-key
            path: jwt.secret
          - name: encryption_key
            kind: encryption-key
            path: data.key
          - name: pin
            kind: custom
            generator: { type: custom, alphabet: "0123456789", length: 40 }
            path: device.pin
        gates:
          pre-merge:
            - check: leaks
              level: block
            - { check: sops, level: warn }
          deploy:
            - { check: secret-strength, level: block, when-skipped: block }
        rotation:
          branch-prefix: rotate/
          labels: [security, secrets-rotation]
          reviewers: [octocat]
          team-reviewers: [platform]
          author: { name: cisecrets, email: cisecrets@users.noreply.github.com }
        scan:
          allowlist:
            paths: [docs/]
        """;

    [Fact]
    public void A_complete_file_loads_with_defaults_per_kind_and_overrides()
    {
        // Arrange
        using var folder = new InventoryFolder();
        folder.Write("secrets/bundle.sops.yaml", "x: 1\n").Write("secrets/other.sops.yaml", "x: 1\n");

        // Act
        var inventory = folder.LoadInventory(Complete);

        // Assert
        Assert.Equal("secrets/bundle.sops.yaml", inventory.Bundle);
        Assert.Equal(new InventoryDefaults(TimeSpan.FromDays(60), 24), inventory.Defaults);
        Assert.Equal(6, inventory.Secrets.Count);

        var postgres = inventory.FindSecret("postgres_password")!;
        Assert.Equal(SecretKind.Password, postgres.Kind);
        Assert.Equal(new SecretGenerator("password", 32, null, Alphabets.DatabaseSafe), postgres.Generator);
        Assert.Equal("[\"postgres\"][\"password\"]", postgres.Path!.ToString());
        Assert.Equal(new KubernetesTarget("postgres-credentials", "POSTGRES_PASSWORD", "apps"), postgres.Kubernetes);
        Assert.Equal(["postgres", "aidb"], postgres.Consumers);
        Assert.Equal(TimeSpan.FromDays(30), postgres.RotationInterval);
        Assert.Equal(24, postgres.MinLength);
        Assert.Equal(new DatabaseAccount("postgres", "app"), postgres.Database);
        Assert.Equal(6, postgres.Line);

        var api = inventory.FindSecret("stack_api_key")!;
        Assert.Equal(new SecretGenerator("hex", 64, null, Alphabets.Hex), api.Generator);
        Assert.Equal(128, api.Generator.ExpectedLength);
        Assert.Equal(TimeSpan.FromDays(60), api.RotationInterval);

        var token = inventory.FindSecret("session_token")!;
        Assert.Equal("secrets/other.sops.yaml", token.Bundle);
        Assert.Equal(TimeSpan.FromHours(12), token.RotationInterval);
        Assert.Equal(30, token.MinLength);
        Assert.Equal(Alphabets.Base64Url, token.Generator.Alphabet);

        Assert.Equal(88, inventory.FindSecret("jwt_secret")!.Generator.ExpectedLength);
        Assert.Equal(44, inventory.FindSecret("encryption_key")!.Generator.ExpectedLength);
        Assert.Equal(new SecretGenerator("custom", null, 40, "0123456789"), inventory.FindSecret("pin")!.Generator);

        Assert.Equal(["pre-merge", "deploy"], inventory.Gates.Select(g => g.Name));
        Assert.Equal(
            [new GateCheckEntry("leaks", GateLevel.Block, SkippedPolicy.Pass), new GateCheckEntry("sops", GateLevel.Warn, SkippedPolicy.Pass)],
            inventory.FindPhase("pre-merge")!.Checks.Select(c => c with { Line = 0 }));
        Assert.Equal(SkippedPolicy.Block, inventory.FindPhase("deploy")!.Checks[0].WhenSkipped);

        Assert.Equal("rotate/", inventory.Rotation.BranchPrefix);
        Assert.Equal(["security", "secrets-rotation"], inventory.Rotation.Labels);
        Assert.Equal(["platform"], inventory.Rotation.TeamReviewers);
        Assert.Equal(new CommitAuthor("cisecrets", "cisecrets@users.noreply.github.com"), inventory.Rotation.Author);
        Assert.Equal(["secrets/bundle.sops.yaml", "secrets/other.sops.yaml"], inventory.Bundles);
    }

    [Fact]
    public void Defaults_apply_when_the_file_says_nothing()
    {
        using var folder = new InventoryFolder();
        folder.Write("b.sops.yaml", "x: 1\n");

        var inventory = folder.LoadInventory("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: password, path: a }\n");

        var secret = Assert.Single(inventory.Secrets);
        Assert.Equal(TimeSpan.FromDays(90), secret.RotationInterval);
        Assert.Equal(20, secret.MinLength);
        Assert.Empty(inventory.Gates);
        Assert.Equal("cisecrets/rotate-", inventory.Rotation.BranchPrefix);
        Assert.Equal(CommitAuthor.ActionsBot, inventory.Rotation.Author);
    }

    [Fact]
    public void Find_returns_null_without_a_file_and_an_empty_file_is_an_empty_inventory()
    {
        using var folder = new InventoryFolder();
        Assert.Null(SecretsInventory.Find(folder.Root));

        folder.Write(SecretsInventory.FileName, "# nothing yet\n");
        var inventory = SecretsInventory.Find(folder.Root);

        Assert.NotNull(inventory);
        Assert.Empty(inventory.Secrets);
        Assert.Equal(Path.GetFullPath(folder.InventoryPath), inventory.SourcePath);
    }

    [Theory]
    [InlineData("bundle: b.sops.yaml\nsecrest: []\n", "line 2: unknown key 'secrest' in the file")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - name: a\n    kind: password\n    path: a\n    rotate: 30d\n", "line 6: unknown key 'rotate' in a secret")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - name: a\n    kind: password\n    path: a\n    min-length: long\n", "line 6: secret 'a' min-length must be a whole number above 0, not 'long'")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - name: a\n    kind: password\n    path: a\n    consumers: api\n", "line 6: secret 'a' consumers must be a list")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: password, path: a }\n  - { name: a, kind: token, path: b }\n", "line 4: duplicate secret name 'a' (first at line 3)")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - name: a\n    kind: password\n    bundle: missing.sops.yaml\n    path: a\n", "line 5: secret 'a': bundle 'missing.sops.yaml' does not exist")]
    [InlineData("bundle: gone.sops.yaml\nsecrets:\n  - { name: a, kind: password, path: a }\n", "line 1: secret 'a': bundle 'gone.sops.yaml' does not exist")]
    [InlineData("bundle: b.sops.yaml\ndefaults:\n  rotation-interval: 0d\n", "line 3: defaults.rotation-interval must be a number of days or hours above 0 such as 90d or 12h, not '0d'")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: password, path: a, rotation-interval: 3w }\n", "line 3: secret 'a' rotation-interval must be a number of days or hours above 0 such as 90d or 12h, not '3w'")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: secret, path: a }\n", "line 3: secret 'a': unknown kind 'secret'")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: custom, path: a }\n", "line 3: secret 'a' is of kind custom and needs a generator")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: 'a b', kind: token, path: a }\n", "line 3: secret name 'a b' may contain only")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: token }\n", "line 3: secret 'a' needs a path in the bundle or a kubernetes secret and key")]
    [InlineData("bundle: b.sops.yaml\nsecrets:\n  - { name: a, kind: token, path: a }\n  - { name: b, kind: token, path: a }\n", "line 4: secret 'b' reads the same bundle value as 'a' (line 3)")]
    [InlineData("secrets:\n  - { name: a, kind: token, path: a }\n", "line 2: secret 'a' names no bundle")]
    [InlineData("bundle: ../outside.sops.yaml\n", "line 1: bundle must be a path inside the repository")]
    [InlineData("gates:\n  deploy:\n    - check: leak\n", "line 3: unknown check 'leak'")]
    [InlineData("gates:\n  deploy:\n    - { check: leaks, level: stop }\n", "line 3: level must be block or warn, not 'stop'")]
    [InlineData("gates:\n  deploy:\n    - { check: leaks }\n    - { check: leaks, level: warn }\n", "line 4: phase 'deploy' lists check 'leaks' twice")]
    [InlineData("gates:\n  deploy:\n    - { check: leaks, when-skipped: maybe }\n", "line 3: when-skipped must be block, warn or pass, not 'maybe'")]
    [InlineData("rotation:\n  labels: security\n", "line 2: rotation.labels must be a list")]
    [InlineData("rotation:\n  author: { name: bot }\n", "line 2: rotation.author needs an email")]
    [InlineData("bundle: b.sops.yaml\nbundle: c.sops.yaml\n", "line 2:")]
    [InlineData("secrets: [\n", "line 2: not valid YAML")]
    [InlineData("- just\n- a list\n", "line 1: the file must be a mapping")]
    [InlineData("defaults: 90d\n", "line 1: defaults must be a mapping")]
    public void Invalid_files_fail_with_the_file_and_line(string text, string expected)
    {
        using var folder = new InventoryFolder();
        folder.Write("b.sops.yaml", "x: 1\n");

        var error = folder.LoadFails(text);

        Assert.Equal(Path.GetFullPath(folder.InventoryPath), error.Subject);
        Assert.StartsWith(expected, error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        using var folder = new InventoryFolder();

        var error = Assert.Throws<InputException>(() => SecretsInventory.Load(folder.InventoryPath));

        Assert.Equal("file not found", error.Problem);
    }

    [Fact]
    public void A_generator_can_name_a_different_alphabet_and_size()
    {
        using var folder = new InventoryFolder();
        folder.Write("b.sops.yaml", "x: 1\n");

        var inventory = folder.LoadInventory("""
            bundle: b.sops.yaml
            secrets:
              - name: redis_password
                kind: password
                generator: { type: password, bytes: 48, alphabet: alphanumeric }
                path: redis.password
            """);

        var generator = inventory.Secrets[0].Generator;
        Assert.Equal(new SecretGenerator("password", 48, null, Alphabets.Alphanumeric), generator);
        Assert.Equal(65, generator.ExpectedLength);
    }
}
