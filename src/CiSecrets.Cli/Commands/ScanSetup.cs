using CiSecrets.Scanning;
using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Suppression;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// Resolves what shapes a scan from the options and the repository: the configuration file
/// (explicit, or <c>.cisecrets.yaml</c> at the root), a gitleaks configuration, a baseline (with its key),
/// <c>.gitleaksignore</c> at the root, the size limit and the parallelism.
/// </summary>
internal static class ScanSetup
{
    public static async Task<(ScanSettings Settings, List<string> Notices)> LoadAsync(
        string root,
        IEnvironment environment,
        string? configPath,
        string? gitleaksConfigPath,
        string? baselinePath,
        int? maxFileSizeMegabytes,
        int? jobs,
        CancellationToken cancellationToken)
    {
        var currentDirectory = environment.CurrentDirectory;
        var notices = new List<string>();
        var settings = new ScanSettings { Time = environment.Clock };

        var config = configPath is not null ? Path.GetFullPath(configPath, currentDirectory) : Path.Combine(root, ScanConfigurationFile.DefaultFileName);
        if (configPath is not null && !File.Exists(config))
        {
            throw new InputException(configPath, "configuration file not found");
        }

        if (File.Exists(config))
        {
            settings = ScanConfigurationFile.Apply(config, settings);
        }

        if (gitleaksConfigPath is not null)
        {
            settings = GitleaksConfigFile.Apply(Path.GetFullPath(gitleaksConfigPath, currentDirectory), settings, notices);
        }

        if (baselinePath is not null)
        {
            settings = settings with { Baseline = await Baseline.LoadAsync(Path.GetFullPath(baselinePath, currentDirectory), BaselineKeys.Find(environment, root), cancellationToken) };
        }

        var ignore = GitleaksIgnore.Load(Path.Combine(root, ".gitleaksignore"));
        if (ignore.Count > 0)
        {
            settings = settings with { Ignore = ignore };
        }

        if (maxFileSizeMegabytes is { } megabytes)
        {
            settings = megabytes > 0
                ? settings with { MaxFileSize = megabytes * 1048576L }
                : throw new InputException("--max-file-size", "must be a positive number of megabytes");
        }

        if (jobs is { } count)
        {
            settings = count > 0 ? settings with { Parallelism = count } : throw new InputException("--jobs", "must be positive");
        }

        return (settings, notices);
    }

    /// <summary>The folder configuration is looked up in: the repository root, or the scanned folder itself.</summary>
    public static string RootOf(string path, ScanTarget target, string currentDirectory)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        var root = target == ScanTarget.Directory ? null : GitRepository.FindRoot(full);
        return root ?? (File.Exists(full) ? Path.GetDirectoryName(full)! : full);
    }
}
