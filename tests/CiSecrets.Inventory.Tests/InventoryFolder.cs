using System.Text;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Inventory.Tests;

/// <summary>A temporary repository folder with an age identity made at run time and helpers to write encrypted bundles.</summary>
internal sealed class InventoryFolder : IDisposable
{
    private readonly TempDirectory _directory = new("cisecrets-inventory");

    public AgeIdentity Identity { get; } = AgeIdentity.Generate();

    public string Root => _directory.Path;

    public string InventoryPath => _directory.Combine(SecretsInventory.FileName);

    public InventoryFolder Write(string relativePath, string content)
    {
        var full = _directory.Combine(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> to the folder's identity with the Sops library and writes it.</summary>
    public InventoryFolder WriteBundle(string relativePath, string plaintext, DateTimeOffset? lastModified = null)
    {
        var rule = SopsCreationRule.ForAge([Identity.Recipient]);
        return Write(relativePath, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plaintext), SopsFormats.ForPath(relativePath), rule, relativePath, lastModified ?? TestClock.Now));
    }

    public SecretsInventory LoadInventory(string text)
    {
        Write(SecretsInventory.FileName, text);
        return SecretsInventory.Load(InventoryPath);
    }

    /// <summary>The problem text of the <see cref="InputException"/> loading <paramref name="text"/> throws.</summary>
    public InputException LoadFails(string text)
    {
        Write(SecretsInventory.FileName, text);
        return Assert.Throws<InputException>(() => SecretsInventory.Load(InventoryPath));
    }

    public void Dispose() => _directory.Dispose();
}
