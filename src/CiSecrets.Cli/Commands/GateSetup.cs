using CiSecrets.Gates;
using CiSecrets.Inventory;
using CiSecrets.Scanning;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>Finds the repository and its inventory, and builds the context the checks share; shared by <c>gate</c> and <c>status</c>.</summary>
internal static class GateSetup
{
    public static (string Root, SecretsInventory Inventory) LoadInventory(string path, string? configPath, IEnvironment environment)
    {
        var full = Path.GetFullPath(path, environment.CurrentDirectory);
        if (!Directory.Exists(full))
        {
            throw new InputException(path, "no such directory");
        }

        var root = GitRepository.FindRoot(full) ?? throw new InputException(full, "not a git repository");
        var inventory = configPath is not null
            ? SecretsInventory.Load(Path.GetFullPath(configPath, environment.CurrentDirectory))
            : SecretsInventory.Find(root) ?? throw new InputException(Path.Combine(root, SecretsInventory.FileName), "file not found (run 'cisecrets init' to write a starter inventory)");
        return (root, inventory);
    }

    public static async Task<GateContext> ContextAsync(string path, string? configPath, string? range, string? kubeconfig, IEnvironment environment, CancellationToken cancellationToken)
    {
        var (root, inventory) = LoadInventory(path, configPath, environment);
        var (settings, _) = await ScanSetup.LoadAsync(root, environment, configPath, null, null, null, null, cancellationToken);
        return new GateContext(root, inventory, environment, AgeIdentities.Load(environment), environment.Clock.GetUtcNow())
        {
            ScanSettings = settings,
            LeaksRange = range,
            Kubeconfig = kubeconfig is null ? null : Path.GetFullPath(kubeconfig, environment.CurrentDirectory),
        };
    }
}
