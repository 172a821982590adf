using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

/// <summary>
/// CiSecrets' build, in the shape of a Nuke build: one property per target, split by concern into
/// <c>Build.*.cs</c> partials. Run it as <c>./build.sh [targets] [--parameters]</c>; <c>--help</c> lists both.
/// </summary>
public sealed partial class Build : BuildHost
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Compile);

    private const string Configuration = "Release";

    private static string Solution => Path.Combine(RootDirectory, "CiSecrets.sln");

    private static string CliProject => Path.Combine(RootDirectory, "src", "CiSecrets.Cli", "CiSecrets.Cli.csproj");

    /// <summary>The command line as Compile leaves it; Dogfood and Benchmark run it with <c>dotnet</c>.</summary>
    private static string CliAssembly => Path.Combine(RootDirectory, "src", "CiSecrets.Cli", "bin", Configuration, "net10.0", "cisecrets.dll");

    private Target Clean => new(
        nameof(Clean),
        "Deletes artifacts/ (except the generated benchmark repositories) and bin/ and obj/ under src/ and tests/.",
        [],
        () =>
        {
            if (Directory.Exists(ArtifactsDirectory))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(ArtifactsDirectory).Where(path => Path.GetFileName(path) != "benchmark"))
                {
                    DeletePath(entry);
                }
            }

            foreach (var tree in new[] { "src", "tests" }.Select(name => Path.Combine(RootDirectory, name)).Where(Directory.Exists))
            {
                foreach (var project in Directory.EnumerateDirectories(tree))
                {
                    DeletePath(Path.Combine(project, "bin"));
                    DeletePath(Path.Combine(project, "obj"));
                }
            }
        });

    private Target Restore => new(
        nameof(Restore),
        "Restores the NuGet packages of CiSecrets.sln.",
        [],
        () => DotNet("restore", Solution, "-nologo"));

    private Target Compile => new(
        nameof(Compile),
        $"Builds CiSecrets.sln in {Configuration}.",
        [nameof(Restore)],
        () => DotNet("build", Solution, "-c", Configuration, "--no-restore", "-nologo"));

    /// <summary>Runs the .NET CLI with its output streamed; a non-zero exit fails the target.</summary>
    private static void DotNet(params string[] arguments) => Run("dotnet", arguments);

    private static void Run(string fileName, IReadOnlyList<string> arguments)
    {
        var run = new ToolRun(fileName, arguments) { WorkingDirectory = RootDirectory };
        ProcessRunner.EnsureSuccess(run, ProcessRunner.Run(run));
    }

    private static void DeletePath(string path)
    {
        if (Directory.Exists(path))
        {
            Console.WriteLine($"Deleting {Path.GetRelativePath(RootDirectory, path)}/");
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
