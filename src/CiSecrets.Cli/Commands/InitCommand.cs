using System.CommandLine;
using CiSecrets.Inventory;
using CiSecrets.Scanning;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary><c>cisecrets init</c>: a commented starter <c>.cisecrets.yaml</c> and <c>.sops.yaml</c> from the SOPS files and Secret manifests already there.</summary>
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

            var survey = InventoryStarter.Survey(root, Files(root));
            await AtomicFile.WriteAllTextAsync(inventoryPath, InventoryStarter.InventoryYaml(survey), cancellationToken);
            await console.Out.WriteLineAsync($"wrote {SecretsInventory.FileName} ({survey.SopsFiles.FirstOrDefault()?.Values.Count ?? 0} secret(s) from {survey.SopsFiles.FirstOrDefault()?.Path ?? "no SOPS file"})");
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
                await console.Out.WriteLineAsync($"plaintext Secret manifest: {manifest} (encrypt its values into the bundle)");
            }

            return (int)ExitCode.Clean;
        });
        return command;
    }

    private static IEnumerable<string> Files(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal));
    }
}
