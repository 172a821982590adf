using CiSecrets.Inventory;
using CiSecrets.Scanning;
using CiSecrets.Scanning.Configuration;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;
using LibGit2Sharp;

namespace CiSecrets.Gates;

/// <summary>
/// What the checks of one gate run share: the repository, its inventory, the environment and the
/// clock, plus the decrypted bundle and the tracked file list, each computed once per run.
/// </summary>
public sealed class GateContext
{
    private readonly Lazy<(BundleValues? Values, string? Reason)> _values;
    private readonly Lazy<IReadOnlyList<string>> _trackedFiles;

    public GateContext(string repositoryRoot, SecretsInventory inventory, IEnvironment environment, IReadOnlyList<AgeIdentity> identities, DateTimeOffset now)
    {
        RepositoryRoot = Path.GetFullPath(repositoryRoot);
        Inventory = inventory;
        Environment = environment;
        Identities = identities;
        Now = now;
        _values = new(ReadValues);
        _trackedFiles = new(ReadTrackedFiles);
    }

    public string RepositoryRoot { get; }
    public SecretsInventory Inventory { get; }
    public IEnvironment Environment { get; }
    public IReadOnlyList<AgeIdentity> Identities { get; }
    public DateTimeOffset Now { get; }

    /// <summary>Rules and suppressions for the leaks check.</summary>
    public ScanSettings ScanSettings { get; init; } = new();

    /// <summary>An explicit <c>BASE..HEAD</c> for the leaks check; null means the workflow event's range, or the whole history outside Actions.</summary>
    public string? LeaksRange { get; init; }

    /// <summary>The kubeconfig the cluster check uses; null when none was given.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The bundles decrypted once (in memory), or why they could not be.</summary>
    public (BundleValues? Values, string? Reason) Values => _values.Value;

    /// <summary>The files in the git index, relative to the root with forward slashes.</summary>
    public IReadOnlyList<string> TrackedFiles => _trackedFiles.Value;

    private (BundleValues?, string?) ReadValues()
    {
        if (Inventory.Secrets.Count == 0)
        {
            return (null, "the inventory lists no secrets");
        }

        if (Identities.Count == 0)
        {
            return (null, "no age identity to decrypt the bundle (set SOPS_AGE_KEY or SOPS_AGE_KEY_FILE)");
        }

        try
        {
            return (BundleValues.Read(Inventory, RepositoryRoot, Identities), null);
        }
        catch (SopsException e)
        {
            return (null, $"the bundle cannot be decrypted: {e.Message}");
        }
        catch (InputException e)
        {
            return (null, $"the bundle cannot be read: {e.Message}");
        }
    }

    private IReadOnlyList<string> ReadTrackedFiles()
    {
        try
        {
            using var repository = new Repository(RepositoryRoot);
            return [.. repository.Index.Select(entry => entry.Path.Replace('\\', '/'))];
        }
        catch (RepositoryNotFoundException)
        {
            throw new InputException(RepositoryRoot, "not a git repository");
        }
    }
}
