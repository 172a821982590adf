namespace CiSecrets.Inventory.Tests;

public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_README_example_inventory_loads()
    {
        // Arrange: the first yaml block of the README's inventory section, in a folder with its bundles.
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("### The inventory: `.cisecrets.yaml`", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        using var folder = new InventoryFolder();
        folder.Write("secrets/bundle.sops.yaml", "x: 1\n").Write("secrets/stack.sops.yaml", "x: 1\n");

        // Act
        var inventory = folder.LoadInventory(example);

        // Assert
        Assert.Equal(["postgres_password", "redis_password", "stack_api_key", "jwt_secret", "device_pin"], inventory.Secrets.Select(s => s.Name));
        Assert.Equal(["pre-merge", "deploy"], inventory.Gates.Select(g => g.Name));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CiSecrets.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CiSecrets.sln not found above the test folder");
    }
}
