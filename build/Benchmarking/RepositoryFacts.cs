using System.Globalization;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build.Benchmarking;

/// <summary>The size of a repository as git reports it.</summary>
public sealed record RepositoryFacts(int Commits, int FilesAtHead, int Blobs, long BlobBytes, long PackBytes, string GitVersion)
{
    public static RepositoryFacts Read(string repository)
    {
        var commits = int.Parse(ProcessRunner.ReadLines("git", ["rev-list", "--all", "--count"], repository)[0], CultureInfo.InvariantCulture);
        var files = ProcessRunner.ReadLines("git", ["ls-tree", "-r", "--name-only", "HEAD"], repository).Count;

        // Unique blob bytes: every blob object once, whatever its paths and commits.
        var blobs = 0;
        var blobBytes = 0L;
        var run = new ToolRun("git", ["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"])
        {
            WorkingDirectory = repository,
            Output = OutputHandling.Lines,
            CaptureStderr = true,
            EchoCommand = false,
            OnLine = line =>
            {
                if (line.StartsWith("blob ", StringComparison.Ordinal))
                {
                    blobs++;
                    blobBytes += long.Parse(line.AsSpan(5), CultureInfo.InvariantCulture);
                }
            },
        };
        ProcessRunner.EnsureSuccess(run, ProcessRunner.Run(run));

        // count-objects -v reports KiB: "size" (loose) and "size-pack".
        var packKib = ProcessRunner.ReadLines("git", ["count-objects", "-v"], repository)
            .Select(line => line.Split(": "))
            .Where(parts => parts[0] is "size" or "size-pack")
            .Sum(parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
        var version = ProcessRunner.ReadLines("git", ["--version"], repository)[0];
        return new RepositoryFacts(commits, files, blobs, blobBytes, packKib * 1024, version);
    }
}
