using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    private Target Dogfood => new(
        nameof(Dogfood),
        "Scans this repository's own history with the freshly built cisecrets; findings (or any non-zero exit) fail the build with that exit code.",
        [nameof(Compile)],
        () => Run("dotnet", [CliAssembly, "scan", RootDirectory, "--format", "text"]));
}
