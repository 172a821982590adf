using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Inventory;

/// <summary>
/// The values of an inventory's bundles, decrypted once each and kept in memory: per managed secret
/// its value and location, and every bundle value that no secret claims. A bundle that cannot be
/// decrypted throws (<see cref="SopsException"/> or <see cref="InputException"/>).
/// </summary>
public sealed class BundleValues
{
    private BundleValues(IReadOnlyList<SecretValue> secrets, IReadOnlyList<BundleValue> unclaimed, IReadOnlyList<BundleFile> files)
    {
        Secrets = secrets;
        Unclaimed = unclaimed;
        Files = files;
    }

    /// <summary>One entry per inventory secret, in inventory order.</summary>
    public IReadOnlyList<SecretValue> Secrets { get; }

    /// <summary>Values in the bundles that no inventory secret points at.</summary>
    public IReadOnlyList<BundleValue> Unclaimed { get; }

    public IReadOnlyList<BundleFile> Files { get; }

    public SecretValue? For(string name) => Secrets.FirstOrDefault(s => s.Secret.Name == name);

    public static BundleValues Read(SecretsInventory inventory, string repositoryRoot, IReadOnlyList<AgeIdentity> identities)
    {
        var secrets = new List<SecretValue>();
        var unclaimed = new List<BundleValue>();
        var files = new List<BundleFile>();
        foreach (var bundle in inventory.Bundles)
        {
            var decrypted = SopsFiles.Decrypt(Path.Combine(repositoryRoot, bundle), identities);
            files.Add(new BundleFile(bundle, decrypted.Source.Metadata!.LastModified, decrypted.Branches.Count));
            var values = BundleTree.Values(bundle, decrypted.Branches);
            var claimed = new List<BundleLocation>();
            foreach (var secret in inventory.Secrets.Where(s => s.Bundle == bundle))
            {
                var located = Locate(secret, decrypted.Branches, values);
                if (located.Location is { } location)
                {
                    claimed.Add(location);
                }

                secrets.Add(located);
            }

            unclaimed.AddRange(values.Where(v => !claimed.Any(c => c.SamePlace(v.Location))));
        }

        var order = inventory.Secrets.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return new BundleValues([.. secrets.OrderBy(s => order[s.Secret.Name])], unclaimed, files);
    }

    private static SecretValue Locate(ManagedSecret secret, IReadOnlyList<SopsMapping> documents, List<BundleValue> values)
    {
        if (secret.Path is { } path)
        {
            var text = path.ToString();
            var found = values.FirstOrDefault(v => v.Location.Path.ToString() == text);
            return found is not null
                ? SecretValue.Found(secret, found.Location, found.Value)
                : SecretValue.Missing(secret, $"{secret.Bundle} has no single value at {text}");
        }

        var target = secret.Kubernetes!;
        var index = BundleTree.FindSecretManifest(documents, target);
        if (index < 0)
        {
            return SecretValue.Missing(secret, $"{secret.Bundle} has no Secret manifest named '{target.Secret}'{(target.Namespace is null ? "" : $" in namespace '{target.Namespace}'")}");
        }

        var match = values.FirstOrDefault(v => v.Location.Document == index && v.Location.Path.Segments is [string field, string key]
            && field is "data" or "stringData" && key == target.Key);
        return match is not null
            ? SecretValue.Found(secret, match.Location, match.Value)
            : SecretValue.Missing(secret, $"Secret manifest '{target.Secret}' in {secret.Bundle} has no key '{target.Key}' under data or stringData");
    }
}
