using System.Runtime.CompilerServices;

namespace CiSecrets.Testing;

/// <summary>The clone the tests were built from: the folder holding <c>CiSecrets.sln</c>.</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    /// <summary>A path inside the clone, from parts relative to its root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    // The build may write its output outside the clone (--artifacts-path), so the search also starts
    // from the working directory and from where this file was compiled.
    private static string Find([CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? ""];
        return starts.Select(Above).FirstOrDefault(found => found is not null)
            ?? throw new InvalidOperationException($"CiSecrets.sln not found above any of [{string.Join(", ", starts)}]");
    }

    private static string? Above(string start)
    {
        for (var directory = start.Length == 0 ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CiSecrets.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
