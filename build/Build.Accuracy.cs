using CiSecrets.Build.Accuracy;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    [Parameter("Accuracy: extra arguments for the scan, space-separated, given with '=' because they start with dashes: --scan-arguments='--min-confidence medium'.")]
    private readonly string? ScanArguments = null;

    private Target Accuracy => new(
        nameof(Accuracy),
        "Scans the full history of a real repository (--repo DIR, kept outside this repository) and prints findings per rule and per confidence, distinct leaks, wall time and a sample of redacted findings for review (artifacts/accuracy/NAME.txt).",
        [nameof(Compile)],
        () =>
        {
            if (Repo is null)
            {
                throw new BuildUsageException("Accuracy needs --repo DIR: a clone of a real repository, outside this one.");
            }

            var repository = Path.GetFullPath(Repo);
            if (!Directory.Exists(repository))
            {
                throw new BuildUsageException($"--repo '{Repo}' is not a folder.");
            }

            var output = Path.Combine(ArtifactsDirectory, "accuracy");
            Directory.CreateDirectory(output);
            var arguments = ScanArguments?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (new AccuracyRun(repository, CliAssembly, output, arguments).Execute() is { } failure)
            {
                throw new TargetFailedException(failure);
            }
        });
}
