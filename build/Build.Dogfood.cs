using System.Security.Cryptography;
using System.Text;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    /// <summary>
    /// The dogfood baseline's HMAC key, public on purpose: the baseline covers only test fixtures, an
    /// old README line and a doc comment, none of them a live credential, and CI has no secret store to
    /// keep a key in. A repository whose baseline covers real credentials keeps its key secret (README).
    /// Derived from a phrase so that no key-shaped literal sits in the tree.
    /// </summary>
    public static string DogfoodBaselineKey =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("cisecrets dogfood baseline key: public, covers test fixtures only")));

    private Target Dogfood => new(
        nameof(Dogfood),
        "Scans this repository's own history with the freshly built cisecrets (baseline build/dogfood-baseline.json under the public dogfood key, SARIF in artifacts/dogfood.sarif); findings (or any non-zero exit) fail the build with that exit code.",
        [nameof(Compile)],
        () =>
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            var run = new ToolRun("dotnet",
            [
                CliAssembly, "scan", RootDirectory, "--format", "text",
                "--baseline", Path.Combine(RootDirectory, "build", "dogfood-baseline.json"),
                "--sarif-file", Path.Combine(ArtifactsDirectory, "dogfood.sarif"),
            ])
            {
                WorkingDirectory = RootDirectory,
                Environment = new Dictionary<string, string> { ["CISECRETS_BASELINE_KEY"] = DogfoodBaselineKey },
            };
            ProcessRunner.EnsureSuccess(run, ProcessRunner.Run(run));
        });
}
