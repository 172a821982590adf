using System.Globalization;
using System.Text.Json.Serialization;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build.Benchmarking;

/// <summary>The shape of a generated benchmark repository. Equal settings generate identical repositories.</summary>
public sealed record GeneratorSettings(int Commits, int Files, int BlobMegabytes, int Seed)
{
    /// <summary>The realistic default: 20,000 commits, 2,000 files, 2 GiB of unique blob content.</summary>
    public static GeneratorSettings Default { get; } = new(20_000, 2_000, 2_048, 1);

    /// <summary>For quick runs: 2,000 commits and 200 MiB, same file count.</summary>
    public static GeneratorSettings Small { get; } = new(2_000, 2_000, 200, 1);

    [JsonIgnore]
    public long BlobBytes => BlobMegabytes * 1024L * 1024L;

    /// <summary>The folder name under artifacts/benchmark; it names every setting, so a change regenerates.</summary>
    [JsonIgnore]
    public string DirectoryName => string.Create(CultureInfo.InvariantCulture, $"repo-c{Commits}-f{Files}-m{BlobMegabytes}-s{Seed}");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Commits} commits, {Files} files, {BlobMegabytes} MiB of blobs, seed {Seed}");

    public void Validate()
    {
        if (Commits < 50 || Files < 10 || BlobMegabytes < 1)
        {
            throw new BuildUsageException("A benchmark repository needs at least 50 commits, 10 files and 1 MiB of blob content.");
        }
    }
}
