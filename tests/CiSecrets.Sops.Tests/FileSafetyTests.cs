using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>Edits that must not lose data or lock out the team: concurrent sets, links, oversized results, swapped recipients.</summary>
public sealed class FileSafetyTests
{
    private static readonly AgeIdentity Team = AgeIdentity.Generate();

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_sets_of_one_file_all_land()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = TestFiles.WriteEncrypted(folder, "bundle.sops.yaml", "first: x\n", TestFiles.RuleFor(Team));
        var keys = Enumerable.Range(0, 8).Select(i => $"key{i}").ToList();

        // Act: eight edits at once, each adding its own key.
        await Task.WhenAll(keys.Select(key => Task.Run(() => SopsFiles.SetStringsAsync(path, [Team], new Dictionary<string, string> { [key] = "v-" + key }, TestClock.Create(), CancellationToken.None))));

        // Assert
        var values = SopsFiles.Decrypt(path, [Team]).ToFlatDictionary();
        Assert.All(keys, key => Assert.Equal("v-" + key, values.GetValueOrDefault(key)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Set_through_a_symbolic_link_writes_the_file_it_points_to_and_keeps_the_link()
    {
        // Arrange
        using var folder = new TempDirectory();
        var real = TestFiles.WriteEncrypted(folder, "real.sops.yaml", "password: old\n", TestFiles.RuleFor(Team));
        var link = folder.Combine("link.sops.yaml");
        File.CreateSymbolicLink(link, real);

        // Act
        await SopsFiles.SetStringsAsync(link, [Team], new Dictionary<string, string> { ["password"] = "new" }, TestClock.Create(), CancellationToken.None);

        // Assert
        Assert.Equal(real, new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName);
        Assert.Equal("new", SopsFiles.Decrypt(real, [Team]).ToFlatDictionary()["password"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_set_whose_result_would_exceed_the_size_limit_writes_nothing()
    {
        // Arrange: an 8 MiB value encrypts (base64) to well over 10 MiB.
        using var folder = new TempDirectory();
        var path = TestFiles.WriteEncrypted(folder, "bundle.sops.yaml", "password: old\n", TestFiles.RuleFor(Team));
        var before = File.ReadAllBytes(path);

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => SopsFiles.SetStringsAsync(path, [Team], new Dictionary<string, string> { ["blob"] = new string('v', 8 * 1024 * 1024) }, TestClock.Create(), CancellationToken.None));

        // Assert
        Assert.Contains("over the 10 MiB limit", error.Problem, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFiles(folder.Path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Encrypting_in_place_a_plaintext_whose_result_would_exceed_the_size_limit_writes_nothing()
    {
        // Arrange: 4 MB of short values grows past 10 MiB once every value is an ENC[…] string.
        using var folder = new TempDirectory();
        var path = folder.Combine("big.yaml");
        var plaintext = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"k{i}: {i % 10}\n"));
        File.WriteAllText(path, plaintext);

        // Act
        var error = await Assert.ThrowsAsync<InputException>(() => SopsFiles.EncryptFileAsync(path, TestFiles.RuleFor(Team), TestClock.Create(), CancellationToken.None));

        // Assert
        Assert.Contains("over the 10 MiB limit", error.Problem, StringComparison.Ordinal);
        Assert.Equal(plaintext, File.ReadAllText(path));
    }

    [Fact]
    public void Rotation_refuses_to_follow_a_swapped_recipient_field_that_would_lock_the_opener_out()
    {
        // Arrange: the attacker puts their recipient in the unauthenticated field; enc still opens for the team.
        var attacker = AgeIdentity.Generate();
        var encrypted = TestFiles.Encrypt("password: secret-value-123\n", SopsFormat.Yaml, TestFiles.RuleFor(Team));
        var tampered = encrypted.Replace(Team.Recipient.Text, attacker.Recipient.Text, StringComparison.Ordinal);
        var file = SopsFile.Parse(tampered, "swapped.yaml", SopsFormat.Yaml);

        // Act
        var refused = Assert.Throws<SopsException>(() => file.Rotate([Team], TestClock.Now));
        var forced = file.Rotate([Team], TestClock.Now, force: true);

        // Assert
        Assert.Contains("could no longer open it", refused.Message, StringComparison.Ordinal);
        Assert.Contains(attacker.Recipient.Text, forced, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_that_keeps_the_opener_a_recipient_is_allowed()
    {
        // Arrange
        var file = SopsFile.Parse(TestFiles.Encrypt("password: secret-value-123\n", SopsFormat.Yaml, TestFiles.RuleFor(Team)), "ok.yaml", SopsFormat.Yaml);

        // Act
        var rotated = SopsFile.Parse(file.Rotate([Team], TestClock.Now), "ok.yaml", SopsFormat.Yaml);

        // Assert
        Assert.Equal("secret-value-123", rotated.Decrypt([Team]).ToFlatDictionary()["password"]);
    }

    [Fact]
    public void A_threshold_below_two_is_reported_as_the_two_shares_Shamir_needs()
    {
        // Arrange: three groups, threshold 2, then the (unauthenticated) threshold edited down to 1.
        var identities = new[] { AgeIdentity.Generate(), AgeIdentity.Generate(), AgeIdentity.Generate() };
        var rule = SopsCreationRule.ForAgeGroups(identities.Select(i => new[] { i.Recipient }), 2);
        var encrypted = TestFiles.Encrypt("password: hunter2-but-longer\n", SopsFormat.Yaml, rule).Replace("shamir_threshold: 2", "shamir_threshold: 1", StringComparison.Ordinal);
        var file = SopsFile.Parse(encrypted, "shamir.yaml", SopsFormat.Yaml);

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt([identities[1]]));

        // Assert
        Assert.Contains("only 1 of 3 key groups could be opened; 2 are needed", error.Message, StringComparison.Ordinal);
        Assert.Contains("shamir_threshold is 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_regex_that_would_backtrack_matches_in_linear_time_and_a_lookaround_is_a_clear_error()
    {
        // Arrange
        var slow = SopsConfig.Parse("creation_rules:\n  - path_regex: ^(a+)+$\n    age: " + Team.Recipient.Text + "\n", ".sops.yaml");

        // Act
        var rule = slow.FindRule(Path.Combine(slow.Directory, new string('a', 5000) + "!"));
        var error = Assert.Throws<InputException>(() => SopsConfig.Parse("creation_rules:\n  - path_regex: (?=secrets)\n    age: " + Team.Recipient.Text + "\n", ".sops.yaml"));

        // Assert
        Assert.Null(rule);
        Assert.Contains("path_regex '(?=secrets)' needs a backtracking feature", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_never_ends_is_refused_after_one_MiB()
    {
        // Arrange
        using var folder = new TempDirectory();
        var path = folder.Combine("keys.txt");
        File.WriteAllText(path, new string('#', 2 * 1024 * 1024));

        // Act
        var error = Assert.Throws<InputException>(() => AgeIdentities.ParseFile(path));

        // Assert
        Assert.Equal(path, error.Subject);
        Assert.Contains("over the 1 MiB limit", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bundle.sops.yaml", "db:\n    password: secret-value-123\n")]
    [InlineData("bundle.sops.json", "{\"db\": {\"password\": \"secret-value-123\"}}\n")]
    [InlineData("bundle.sops.env", "db=secret-value-123\n")]
    public void A_byte_order_mark_is_dropped_on_encrypt_and_on_read(string name, string plaintext)
    {
        // Arrange
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var format = SopsFormats.ForPath(name);

        // Act
        var encrypted = SopsEncryptor.Encrypt([.. bom, .. Encoding.UTF8.GetBytes(plaintext)], format, TestFiles.RuleFor(Team), name, TestClock.Now);
        var reread = SopsFile.Parse([.. bom, .. Encoding.UTF8.GetBytes(encrypted)], name, format);
        var decrypted = reread.Decrypt([Team]);
        var edited = SopsFile.Parse([.. bom, .. Encoding.UTF8.GetBytes(encrypted)], name, format).SetValues([Team], [new(SopsPath.Parse(format == SopsFormat.Dotenv ? "db" : "db.password"), SopsScalar.Of("changed"))], TestClock.Now);

        // Assert
        Assert.DoesNotContain('\uFEFF', encrypted);
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Contains("secret-value-123", decrypted.ToFlatDictionary().Values);
        Assert.Contains("changed", SopsFile.Parse(edited, name, format).Decrypt([Team]).ToFlatDictionary().Values);
    }
}
