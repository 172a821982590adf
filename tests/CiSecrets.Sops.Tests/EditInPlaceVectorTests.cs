using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// External interop group: editing files other implementations wrote (sops 3.7.1's age examples, the reference
/// implementation's dotenv and multi-document files) keeps their layout. The same edits on files made at run
/// time are in <see cref="EditInPlaceTests"/>.
/// </summary>
public sealed class EditInPlaceVectorTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("pr1031-age/example.yaml", "app2.db.password", "password:", "lastmodified:", "mac:")]
    [InlineData("pr1031-age/example.json", "firstName", "\"firstName\":", "\"lastmodified\":", "\"mac\":")]
    [InlineData("pr1031-age/example.ini", "address.city", "city ", "lastmodified ", "mac ")]
    [InlineData("generated/app.enc.env", "DB_PASSWORD", "DB_PASSWORD=", "sops_lastmodified=", "sops_mac=")]
    [InlineData("generated/multidoc.enc.yaml", "first", "first:", "lastmodified:", "mac:")]
    public async Task Setting_a_value_in_a_vector_changes_only_that_value_lastmodified_and_mac(string relative, string path, string valueLine, string lastModifiedLine, string macLine)
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine(Path.GetFileName(relative));
        File.Copy(Vectors.PathOf(relative), file);

        // Act
        var (before, after) = await EditInPlaceTests.SetAsync(file, Vectors.AgeKeys, path, "a-brand-new-value");

        // Assert
        EditInPlaceTests.AssertOnlyTheseLinesChanged(before, after, valueLine, lastModifiedLine, macLine);
        Assert.Equal(Vectors.Expected(relative).DataKeyHex, SopsFiles.Decrypt(file, Vectors.AgeKeys).DataKeyHex());
    }

    [Fact(Timeout = 120_000)]
    public async Task Edited_sops_yaml_is_byte_identical_outside_the_edited_spans()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("example.yaml");
        File.Copy(Vectors.PathOf("pr1031-age/example.yaml"), file);

        // Act and assert
        await EditInPlaceTests.AssertEditIsByteIdenticalOutsideTheEditedSpans(file, Vectors.AgeKeys);
    }
}
