using CiSecrets.Testing;

namespace CiSecrets.Inventory.Tests;

/// <summary>An inventory shaped to exhaust memory or stack is one input error naming the file.</summary>
public sealed class InventoryHostileYamlTests
{
    [Fact]
    public void An_inventory_with_a_YAML_alias_bomb_is_refused_naming_the_file()
    {
        // Arrange: 9 levels of 9 aliases (9^9 nodes once walked) in a few hundred bytes.
        var text = HostileYaml.AliasBomb("secrets: []\n");

        // Act
        var error = Assert.Throws<InputException>(() => SecretsInventory.Parse(text, "/repo/.cisecrets.yaml"));

        // Assert
        Assert.Equal("/repo/.cisecrets.yaml", error.Subject);
        Assert.Contains("alias bomb", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deeply_nested_inventory_is_refused_naming_the_file_and_the_depth()
    {
        // Arrange: 200 KB of nested sequences.
        var text = "secrets: " + new string('[', 100 * 1024) + new string(']', 100 * 1024) + "\n";

        // Act
        var error = Assert.Throws<InputException>(() => SecretsInventory.Parse(text, "/repo/.cisecrets.yaml"));

        // Assert
        Assert.Equal("/repo/.cisecrets.yaml", error.Subject);
        Assert.Contains("deeper than 128 levels", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inventory_that_is_a_link_to_an_endless_file_is_refused_after_the_limit()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Arrange
        using var folder = new TempDirectory();
        var path = folder.Combine(SecretsInventory.FileName);
        File.CreateSymbolicLink(path, "/dev/zero");

        // Act
        var error = Assert.Throws<InputException>(() => SecretsInventory.Load(path));

        // Assert
        Assert.Contains("over the 10 MiB limit", error.Problem, StringComparison.Ordinal);
    }
}
