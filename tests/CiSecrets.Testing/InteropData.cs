using Xunit;

namespace CiSecrets.Testing;

/// <summary>
/// The external interop group's data: real files from other public projects (the sops tool's own test
/// vectors, secretlint's labelled fixtures) that this repository reads but must never hold. The folder is
/// <c>$CISECRETS_INTEROP_DATA</c>, or else the <c>shared</c> folder beside the clone when it exists.
/// This is the only place in the tests that knows where that folder is.
/// </summary>
public static class InteropData
{
    public const string Variable = "CISECRETS_INTEROP_DATA";

    private static readonly string? Configured = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? Path.GetFullPath(value) : null;

    private static readonly string Default = Path.GetFullPath(Path.Combine(SourceTree.Root, "..", "shared"));

    /// <summary>
    /// The folder <paramref name="relative"/> inside the interop data. The calling test is skipped, with
    /// the reason, when the data is absent; when <c>$CISECRETS_INTEROP_DATA</c> names a folder without
    /// it, the test fails instead, since whoever set the variable meant the group to run.
    /// </summary>
    public static string Folder(string relative)
    {
        if (Find(relative) is { } folder)
        {
            return folder;
        }

        if (Configured is not null)
        {
            throw new DirectoryNotFoundException($"{Variable} is {Configured}, which has no {relative} folder");
        }

        Assert.Skip($"external interop data absent: no {relative} under {Default}; set {Variable} to a folder holding it to run this group");
        return "";
    }

    /// <summary>
    /// The folder <paramref name="relative"/> inside the interop data, or null when it is absent: for
    /// theory data, which is enumerated before any test runs and so cannot skip.
    /// </summary>
    public static string? Find(string relative) =>
        Path.Combine(Configured ?? Default, relative) is var folder && Directory.Exists(folder) ? folder : null;
}
