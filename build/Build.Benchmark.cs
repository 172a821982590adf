using System.Diagnostics;
using CiSecrets.Build.Benchmarking;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build;

public sealed partial class Build
{
    [Parameter("Benchmark: measure this existing git repository instead of generating one. Accuracy: the repository to scan.")]
    private readonly string? Repo = null;

    [Parameter("Benchmark: 'small' for 2,000 commits and 200 MiB; explicit sizes still win.")]
    private readonly string? Preset = null;

    [Parameter("Benchmark: commits in the generated repository (default 20000).")]
    private readonly int? Commits = null;

    [Parameter("Benchmark: files in the generated repository (default 2000).")]
    private readonly int? Files = null;

    [Parameter("Benchmark: total unique blob content of the generated repository in MiB (default 2048).")]
    private readonly int? BlobMegabytes = null;

    [Parameter("Benchmark: seed of the generated repository (default 1).")]
    private readonly int? Seed = null;

    [Parameter("Benchmark: run only one part, 'history' (the git scans), 'sops' (sops validate over generated SOPS files) or 'rules' (each rule's MB/s on normal and hostile text).")]
    private readonly string? Only = null;

    [Parameter("Benchmark: SOPS files generated for the sops validate measurement (default 1000).")]
    private readonly int? SopsFiles = null;

    private Target Benchmark => new(
        nameof(Benchmark),
        "Times a full-history and a 20-commit range scan of a large git repository (generated under artifacts/benchmark unless --repo), next to git log -p and git cat-file baselines, sops validate over 1,000 generated SOPS files, and each rule's throughput on normal and hostile text (--only history|sops|rules for one part).",
        [nameof(Compile)],
        () =>
        {
            var part = Only?.ToLowerInvariant() switch
            {
                null or "" => null,
                "history" or "sops" or "rules" => Only.ToLowerInvariant(),
                _ => throw new BuildUsageException($"--only '{Only}' is not known; use 'history', 'sops' or 'rules'."),
            };
            var output = Path.Combine(ArtifactsDirectory, "benchmark", "results");
            Directory.CreateDirectory(output);
            var failures = new List<string>();
            if (part is null or "history")
            {
                var (repository, generated) = Repo is null ? GenerateBenchmarkRepository() : (Path.GetFullPath(Repo), RepositoryGenerator.ReadMarker(Path.GetFullPath(Repo)));
                var report = new BenchmarkRun(repository, generated, CliAssembly, output).Execute();
                failures.AddRange(report.FailedCommands);
            }

            if (part is null or "sops")
            {
                var count = SopsFiles ?? 1000;
                var directory = Path.Combine(ArtifactsDirectory, "benchmark", $"sops-{count}");
                Console.WriteLine($"Generating {Path.GetRelativePath(RootDirectory, directory)}: {count} SOPS files (Secret bundles, dotenv, JSON) for one generated age key.");
                var stopwatch = Stopwatch.StartNew();
                var sops = SopsRepositoryGenerator.Generate(directory, count, Seed ?? 1);
                Console.WriteLine($"Generated in {stopwatch.Elapsed.TotalSeconds:F1} s.");
                if (SopsValidateBenchmark.Run(sops, CliAssembly, output) is { } failure)
                {
                    failures.Add(failure);
                    Console.WriteLine($"FAILED: {failure}");
                }
            }

            if (part is null or "rules")
            {
                failures.AddRange(Benchmarking.RuleThroughput.Run(output));
            }

            if (failures.Count > 0)
            {
                throw new TargetFailedException($"{failures.Count} measurement(s) failed (the FAILED lines above).");
            }
        });

    private Target RuleThroughput => new(
        nameof(RuleThroughput),
        "Prints each built-in rule's throughput (MB/s) on a megabyte of source-like text and on its worst hostile input, and fails when a rule needs more than 5 s for that megabyte (also part of Benchmark).",
        [nameof(Compile)],
        () =>
        {
            var output = Path.Combine(ArtifactsDirectory, "benchmark", "results");
            Directory.CreateDirectory(output);
            if (Benchmarking.RuleThroughput.Run(output) is { Count: > 0 } failures)
            {
                throw new TargetFailedException($"{failures.Count} rule(s) over the budget (the FAILED lines above).");
            }
        });

    private (string Repository, GeneratedRepository Generated) GenerateBenchmarkRepository()
    {
        var preset = Preset?.ToLowerInvariant() switch
        {
            null or "" or "default" => GeneratorSettings.Default,
            "small" => GeneratorSettings.Small,
            _ => throw new BuildUsageException($"--preset '{Preset}' is not known; use 'small' or leave it out."),
        };
        var settings = new GeneratorSettings(Commits ?? preset.Commits, Files ?? preset.Files, BlobMegabytes ?? preset.BlobMegabytes, Seed ?? preset.Seed);
        settings.Validate();
        var repository = Path.Combine(ArtifactsDirectory, "benchmark", settings.DirectoryName);
        if (RepositoryGenerator.ReadMarker(repository) is { } existing && existing.Settings == settings && existing.Generator == RepositoryGenerator.Version)
        {
            Console.WriteLine($"Reusing {Path.GetRelativePath(RootDirectory, repository)} (generated in {existing.GenerationSeconds:F1} s; delete it to regenerate).");
            return (repository, existing);
        }

        Console.WriteLine($"Generating {Path.GetRelativePath(RootDirectory, repository)}: {settings.Commits} commits, {settings.Files} files, {settings.BlobMegabytes} MiB of unique blob content, seed {settings.Seed}.");
        var stopwatch = Stopwatch.StartNew();
        var generated = RepositoryGenerator.Generate(settings, repository);
        Console.WriteLine($"Generated in {stopwatch.Elapsed.TotalSeconds:F1} s.");
        return (repository, generated);
    }
}
