using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    private Target Dogfood => new(
        nameof(Dogfood),
        "Scans this repository's own history with the freshly built cisecrets (baseline build/dogfood-baseline.json, SARIF in artifacts/dogfood.sarif); findings (or any non-zero exit) fail the build with that exit code.",
        [nameof(Compile)],
        () =>
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            Run("dotnet",
            [
                CliAssembly, "scan", RootDirectory, "--format", "text",
                "--baseline", Path.Combine(RootDirectory, "build", "dogfood-baseline.json"),
                "--sarif-file", Path.Combine(ArtifactsDirectory, "dogfood.sarif"),
            ]);
        });
}
