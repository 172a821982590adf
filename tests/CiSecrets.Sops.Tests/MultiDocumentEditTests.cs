using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// <see cref="SopsFile.SetValues(SopsDecryptedFile, IReadOnlyList{SopsValueChange}, DateTimeOffset?)"/>
/// on a multi-document YAML file: the change names its document, and only that document's value moves.
/// </summary>
public sealed class MultiDocumentEditTests
{
    [Fact]
    public void Setting_a_value_in_one_document_changes_only_that_value_and_the_shared_metadata()
    {
        // Arrange: three documents with the same key, values generated at run time.
        var identity = AgeIdentity.Generate();
        var old = Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetHexString(32, lowercase: true)).ToArray();
        var plaintext = string.Join("---\n", old.Select((value, i) => $"name: doc{i}\npassword: {value}\n"));
        var before = TestFiles.Encrypt(plaintext, SopsFormat.Yaml, TestFiles.RuleFor(identity));
        var file = SopsFile.Parse(before, "multi.yaml", SopsFormat.Yaml);
        var replacement = RandomNumberGenerator.GetHexString(32, lowercase: true);

        // Act
        var after = file.SetValues(file.Decrypt([identity]), [new SopsValueChange(1, SopsPath.Parse("password"), SopsScalar.Of(replacement))], DateTimeOffset.UnixEpoch.AddYears(57));

        // Assert: the new value is in document 1 only, and the MAC over all documents verifies.
        var decrypted = SopsFile.Parse(after, "multi.yaml", SopsFormat.Yaml).Decrypt([identity]);
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        Assert.Equal([old[0], replacement, old[2]], decrypted.Branches.Select(b => (string)((SopsScalar)b.Find("password")!.Value).Value!));
        Assert.Equal(["doc0", "doc1", "doc2"], decrypted.Branches.Select(b => (string)((SopsScalar)b.Find("name")!.Value).Value!));

        // Documents 0 and 2 keep every byte of their data (their sops block repeats the shared
        // lastmodified and mac, which must change with the file); document 1 changes only its password line.
        var documentsBefore = Documents(before);
        var documentsAfter = Documents(after);
        Assert.Equal(3, documentsAfter.Length);
        foreach (var i in new[] { 0, 2 })
        {
            Assert.Equal(Data(documentsBefore[i]), Data(documentsAfter[i]));
            Assert.All(TestFiles.ChangedLines(documentsBefore[i], documentsAfter[i]), line => Assert.Matches(@"^\s*(lastmodified|mac):", documentsAfter[i].Split('\n')[line]));
        }

        var changed = TestFiles.ChangedLines(documentsBefore[1], documentsAfter[1]).Select(line => documentsAfter[1].Split('\n')[line]).ToList();
        Assert.Single(changed, line => line.StartsWith("password: ENC[", StringComparison.Ordinal));
        Assert.All(changed, line => Assert.Matches(@"^\s*(password|lastmodified|mac):", line));
        Assert.DoesNotContain(replacement, after, StringComparison.Ordinal);
    }

    /// <summary>The documents of a YAML stream (a separator is a line of exactly three dashes; age armour lines have five).</summary>
    private static string[] Documents(string text) => Regex.Split(text, "^---\n", RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    /// <summary>A document's text before its <c>sops:</c> metadata block.</summary>
    private static string Data(string document) => document[..document.IndexOf("sops:", StringComparison.Ordinal)];
}
