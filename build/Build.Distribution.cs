using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    private const string ImageTag = "cisecrets:dev";

    private static string PackagesDirectory => Path.Combine(ArtifactsDirectory, "packages");

    private static string PublishDirectory => Path.Combine(ArtifactsDirectory, "publish");

    private Target Pack => new(
        nameof(Pack),
        "Packs the cisecrets dotnet tool (src/CiSecrets.Cli) into artifacts/packages.",
        [nameof(Compile)],
        () => DotNet("pack", CliProject, "-c", Configuration, "--no-build", "-nologo", "-o", PackagesDirectory));

    private Target Publish => new(
        nameof(Publish),
        "Publishes cisecrets self-contained for linux-x64 into artifacts/publish.",
        [nameof(Restore)],
        () => DotNet("publish", CliProject, "-c", Configuration, "-r", "linux-x64", "--self-contained", "-nologo", "-o", PublishDirectory));

    private Target Image => new Target(
        nameof(Image),
        $"Builds the container image {ImageTag} from the Dockerfile at the repository root; skipped when no Docker engine runs.",
        [],
        () =>
        {
            if (!File.Exists(Path.Combine(RootDirectory, "Dockerfile")))
            {
                throw new TargetFailedException("There is no Dockerfile at the repository root.");
            }

            Run("docker", ["build", "--tag", ImageTag, "--file", "Dockerfile", "."]);
        })
        .OnlyWhen(DockerEngineRuns, "'docker info' failed: no Docker engine is running here.");

    private static bool DockerEngineRuns()
    {
        try
        {
            var run = new ToolRun("docker", ["info"]) { Output = OutputHandling.Count, CaptureStderr = true, EchoCommand = false };
            return ProcessRunner.Run(run).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No docker CLI at all.
            return false;
        }
    }
}
