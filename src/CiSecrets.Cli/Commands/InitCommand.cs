using System.CommandLine;
using CiSecrets.Inventory;
using CiSecrets.Kubernetes;
using CiSecrets.Scanning;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets init</c>: a commented starter <c>.cisecrets.yaml</c> and <c>.sops.yaml</c> from the SOPS
/// files (any format) and Secret manifests already there, with consumers from the workload manifests.
/// </summary>
internal static class InitCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var path = new Option<string>("--path", "-p") { Description = "Repository to set up.", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing .cisecrets.yaml and .sops.yaml." };
        var command = new Command("init", "Write a commented starter .cisecrets.yaml and .sops.yaml, detecting existing SOPS files and Secret manifests.")
        {
            path, force,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var full = Path.GetFullPath(parsed.GetValue(path)!, environment.CurrentDirectory);
            if (!Directory.Exists(full))
            {
                throw new InputException(parsed.GetValue(path)!, "no such directory");
            }

            var root = GitRepository.FindRoot(full) ?? full;
            var overwrite = parsed.GetValue(force);
            var inventoryPath = Path.Combine(root, SecretsInventory.FileName);
            var sopsPath = Path.Combine(root, SopsConfig.FileName);
            if (File.Exists(inventoryPath) && !overwrite)
            {
                throw new InputException(inventoryPath, "already exists (use --force to overwrite it)");
            }

            var files = Files(root).ToList();
            var survey = InventoryStarter.Survey(root, files);
            var workloads = await WorkloadsAsync(root, files, cancellationToken);
            await AtomicFile.WriteAllTextAsync(inventoryPath, InventoryStarter.InventoryYaml(survey, t => WorkloadManifests.ConsumersOf(workloads, t.Secret, t.Namespace)), cancellationToken);
            var sources = survey.SopsFiles.Where(f => f.Values.Count > 0).Select(f => f.Path).DefaultIfEmpty("no SOPS file");
            await console.Out.WriteLineAsync($"wrote {SecretsInventory.FileName} ({survey.SopsFiles.Sum(f => f.Values.Count)} secret(s) from {string.Join(", ", sources)}; consumers from {workloads.Count} workload manifest(s))");
            if (!File.Exists(sopsPath) || overwrite)
            {
                await AtomicFile.WriteAllTextAsync(sopsPath, InventoryStarter.SopsConfigYaml(survey), cancellationToken);
                await console.Out.WriteLineAsync($"wrote {SopsConfig.FileName}{(survey.AgeRecipients.Count == 0 ? " (add your age recipient)" : "")}");
            }
            else
            {
                await console.Out.WriteLineAsync($"kept the existing {SopsConfig.FileName}");
            }

            foreach (var manifest in survey.PlaintextManifests)
            {
                await console.Out.WriteLineAsync($"plaintext Secret manifest: {PrintedText.Escape(manifest)} (encrypt its values into the bundle)");
            }

            return (int)ExitCode.Clean;
        });
        return command;
    }

    /// <summary>The workloads declared in the repository's YAML files, for the consumers of each Secret.</summary>
    private static async Task<IReadOnlyList<Workload>> WorkloadsAsync(string root, IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var workloads = new List<Workload>();
        foreach (var file in files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var full = Path.Combine(root, file);
            if (new FileInfo(full).Length <= MaxManifestBytes)
            {
                workloads.AddRange(WorkloadManifests.Read(await File.ReadAllTextAsync(full, cancellationToken), file));
            }
        }

        return workloads;
    }

    private const long MaxManifestBytes = 1024 * 1024;

    private static IEnumerable<string> Files(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal));
    }
}
