using CiSecrets.Sops.Age;

namespace CiSecrets.Sops.Tests;

/// <summary>No plaintext value, data key or private key appears in any message or ToString().</summary>
public sealed class RedactionTests
{
    [Fact]
    public void Secret_bearing_types_do_not_print_their_content()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var identity = AgeIdentity.Generate();
        var decrypted = files.Load(GeneratedSamples.Yaml).Decrypt(files.Keys);
        var plaintexts = decrypted.ToFlatDictionary().Values.Where(v => v.Length >= 4).ToList();
        var printed = new List<string>
        {
            decrypted.ToString(),
            decrypted.Source.ToString(),
            decrypted.Branches[0].ToString(),
            decrypted.Find(SopsPath.Parse("app2.db.password"))!.ToString(),
            identity.ToString(),
            decrypted.Cipher.ToString(),
            new SopsComment("a secret comment").ToString(),
        };

        // Act
        var joined = string.Join("\n", printed);

        // Assert
        Assert.DoesNotContain(identity.ExportSecret(), joined, StringComparison.Ordinal);
        Assert.DoesNotContain(decrypted.DataKeyHex(), joined, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret comment", joined, StringComparison.Ordinal);
        Assert.All(plaintexts, p => Assert.DoesNotContain(p, joined, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_public_type_with_plaintext_overrides_ToString()
    {
        // Arrange
        Type[] types = [typeof(SopsNode), typeof(SopsDecryptedFile), typeof(AgeIdentity), typeof(SopsFile), typeof(AesGcmValueCipher), typeof(ParsedDocument)];

        // Act
        var missing = types.Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType == typeof(object)).ToList();

        // Assert
        Assert.Empty(missing);
    }

    [Fact]
    public void Errors_about_values_name_the_path_and_never_the_value()
    {
        // Arrange
        using var files = new GeneratedFiles();
        var text = files.Text(GeneratedSamples.Yaml);
        var decrypted = files.Load(GeneratedSamples.Yaml).Decrypt(files.Keys);
        var swapped = Tampering.Apply(Tampering.SwappedValues, text);
        var halfEncrypted = text.Replace("myapp1: " + files.EncryptedValue(), "myapp1: first-app-value-updated", StringComparison.Ordinal);

        // Act
        var messages = new[]
        {
            Record.Exception(() => SopsFile.Parse(swapped, "s.yaml", SopsFormat.Yaml).Decrypt(files.Keys))!.Message,
            Record.Exception(() => SopsFile.Parse(halfEncrypted, "h.yaml", SopsFormat.Yaml).Decrypt(files.Keys))!.Message,
        };

        // Assert
        Assert.NotEqual(text, halfEncrypted);
        foreach (var value in decrypted.ToFlatDictionary().Values.Where(v => v.Length >= 3).Append("first-app-value-updated"))
        {
            Assert.All(messages, m => Assert.DoesNotContain(value, m, StringComparison.Ordinal));
        }
    }
}
