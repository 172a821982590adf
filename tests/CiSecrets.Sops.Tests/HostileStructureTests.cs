using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>Files shaped to exhaust memory or stack (alias bombs, deep nesting): one clear input error, never a crash.</summary>
public sealed class HostileStructureTests
{
    public static TheoryData<string, string> DeepFiles() => new()
    {
        // The sizes the issue reported: 63 KB of JSON arrays, 200 KB of YAML sequences, 80 KB of YAML maps.
        { "arrays.json", "{\"a\": " + new string('[', 63 * 512) + new string(']', 63 * 512) + "}\n" },
        { "sequences.yaml", "a: " + new string('[', 100 * 1024) + new string(']', 100 * 1024) + "\n" },
        { "maps.yaml", "a: " + string.Concat(Enumerable.Repeat("{a: ", 16 * 1024)) + "x" + new string('}', 16 * 1024) + "\n" },
        { "block.yaml", string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 200) + "b: x\n" },
        { "metadata.env", "A=1\nsops_" + string.Concat(Enumerable.Repeat("x__map_", 5000)) + "y=z\n" },
        { "metadata.ini", "[a]\nb = 1\n[sops]\n" + string.Concat(Enumerable.Repeat("x__list_0", 5000)) + " = z\n" },
    };

    [Theory]
    [MemberData(nameof(DeepFiles))]
    public void A_deeply_nested_file_is_one_input_error_naming_the_file_and_the_depth(string name, string content)
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine(name);
        File.WriteAllText(path, content);

        // Act
        var error = Assert.Throws<InputException>(() => SopsFile.Load(path));

        // Assert
        Assert.Equal(path, error.Subject);
        Assert.Contains("deeper than 128 levels", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.json", "{\"a\": ", "[", "]", "}\n")]
    [InlineData("x.yaml", "a: ", "[", "]", "\n")]
    public void Nesting_of_exactly_128_levels_is_read_and_129_is_refused(string name, string prefix, string open, string close, string suffix)
    {
        // The top-level mapping is the first level.
        string Nested(int depth) => prefix + string.Concat(Enumerable.Repeat(open, depth - 1)) + string.Concat(Enumerable.Repeat(close, depth - 1)) + suffix;

        // Act
        var deepest = SopsFile.Parse(Nested(128), name, SopsFormats.ForPath(name));
        var error = Assert.Throws<InputException>(() => SopsFile.Parse(Nested(129), name, SopsFormats.ForPath(name)));

        // Assert
        Assert.Single(deepest.StoredBranches);
        Assert.Contains("deeper than 128 levels", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_YAML_alias_bomb_is_refused_before_it_expands()
    {
        // Act
        var error = Assert.Throws<InputException>(() => SopsFile.Parse(HostileYaml.AliasBomb(), "bomb.yaml", SopsFormat.Yaml));

        // Assert
        Assert.Equal("bomb.yaml", error.Subject);
        Assert.Contains("alias bomb", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sops_config_with_an_alias_bomb_is_refused()
    {
        // Act
        var error = Assert.Throws<InputException>(() => SopsConfig.Parse(HostileYaml.AliasBomb("creation_rules: []\n"), ".sops.yaml"));

        // Assert
        Assert.Equal(".sops.yaml", error.Subject);
        Assert.Contains("alias bomb", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_that_lifts_a_subtree_past_the_depth_limit_is_refused()
    {
        // Arrange: each half is 100 levels deep; the alias puts one inside the other.
        var deep = string.Concat(Enumerable.Repeat("[", 99)) + string.Concat(Enumerable.Repeat("]", 99));
        var text = $"a: &a {deep}\nb: {string.Concat(Enumerable.Repeat("[", 60))}*a{string.Concat(Enumerable.Repeat("]", 60))}\n";

        // Act
        var error = Assert.Throws<InputException>(() => SopsFile.Parse(text, "lifted.yaml", SopsFormat.Yaml));

        // Assert
        Assert.Contains("deeper than 128 levels", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_anchors_and_aliases_still_encrypt_and_decrypt()
    {
        // Arrange
        var identity = AgeIdentity.Generate();
        const string plaintext = "defaults: &defaults\n    host: db\n    port: 5432\nprod:\n    settings: *defaults\nstaging:\n    settings: *defaults\n";

        // Act
        var encrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plaintext), SopsFormat.Yaml, SopsCreationRule.ForAge([identity.Recipient]), "anchors.yaml", TestClock.Now);
        var decrypted = SopsFile.Parse(encrypted, "anchors.yaml", SopsFormat.Yaml).Decrypt([identity]);

        // Assert
        var flat = decrypted.ToFlatDictionary();
        Assert.Equal("5432", flat["staging.settings.port"]);
        Assert.Equal("db", flat["prod.settings.host"]);
    }
}
