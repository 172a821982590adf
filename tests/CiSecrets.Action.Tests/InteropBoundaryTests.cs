using System.Text.RegularExpressions;
using CiSecrets.Testing;

namespace CiSecrets.Action.Tests;

/// <summary>
/// The suite must pass on a clone of this repository alone: only the interop locator may know where
/// the external data sits beside the clone, and the README must not send readers there.
/// </summary>
public sealed partial class InteropBoundaryTests
{
    private static readonly string Locator = Path.Combine("tests", "CiSecrets.Testing", "InteropData.cs");

    [Fact]
    public void Only_the_interop_locator_names_the_folder_beside_the_clone()
    {
        // Arrange
        var files = new[] { "src", "tests", "build" }
            .SelectMany(folder => Directory.EnumerateFiles(SourceTree.Combine(folder), "*", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path));

        // Act
        var offenders = files
            .Where(path => Path.GetRelativePath(SourceTree.Root, path) != Locator)
            .Where(path => OutsideTheClone().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(SourceTree.Root, path))
            .ToList();

        // Assert
        Assert.True(offenders.Count == 0, $"these files reach outside the clone; go through InteropData instead: {string.Join(", ", offenders)}");
        Assert.Matches(OutsideTheClone(), File.ReadAllText(SourceTree.Combine(Locator)));
    }

    [Fact]
    public void The_readme_does_not_send_readers_outside_the_clone()
    {
        var readme = File.ReadAllText(SourceTree.Combine("README.md"));

        Assert.DoesNotMatch(OutsideTheClone(), readme);
    }

    [Theory]
    [InlineData("var root = \"../" + "shared/vectors\";")]
    [InlineData("Path.Combine(solution, \"..\", \"" + "shared\", \"corpora\")")]
    [InlineData("see ..\\" + "shared\\DESIGN.md")]
    public void The_guard_recognises_each_way_of_naming_the_folder(string text) =>
        Assert.Matches(OutsideTheClone(), text);

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestResults");

    // "..", then a separator or a Path.Combine argument boundary, then the folder's name.
    [GeneratedRegex("""\.\.(?:/|\\|"\s*,\s*")shared\b""")]
    private static partial Regex OutsideTheClone();
}
