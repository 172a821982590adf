using System.Text;
using CiSecrets.Inventory;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Kubernetes;

/// <summary>
/// The Kubernetes Secrets an inventory describes. A secret without a <c>path</c> lives in a bundle of
/// Secret manifests, so that bundle's Secrets are applied whole; a secret with a <c>path</c> is placed
/// at its <c>kubernetes.secret</c>/<c>key</c>. Each bundle is decrypted once, in memory. Rotation
/// times come from <c>.cisecrets-rotations.yaml</c>; intervals from the inventory.
/// </summary>
public static class InventorySecrets
{
    /// <summary>The Secrets to apply. A value the inventory names but the bundle lacks is an input error.</summary>
    public static IReadOnlyList<SecretManifest> Manifests(SecretsInventory inventory, RotationLog log, IReadOnlyList<AgeIdentity> identities)
    {
        var mapped = inventory.Secrets.Where(s => s.Kubernetes is not null).ToList();
        if (mapped.Count == 0)
        {
            throw new InputException(inventory.SourcePath, "no secret has a kubernetes target, so there is nothing to apply");
        }

        var secrets = new Dictionary<(string? Namespace, string Name), (string Type, SortedDictionary<string, byte[]> Data)>();
        foreach (var bundle in mapped.Select(s => s.Bundle).Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(inventory.Root, bundle);
            var decrypted = SopsFiles.Decrypt(path, identities);
            var inBundle = mapped.Where(s => s.Bundle == bundle).ToList();
            if (inBundle.Any(s => s.Path is null))
            {
                foreach (var manifest in SecretBundle.Read(decrypted))
                {
                    var data = Slot(secrets, manifest.Namespace, manifest.Name, manifest.Type);
                    foreach (var (key, value) in manifest.Data)
                    {
                        data[key] = value;
                    }
                }
            }

            foreach (var secret in inBundle)
            {
                var target = secret.Kubernetes!;
                if (secret.Path is { } sopsPath)
                {
                    var value = decrypted.Find(sopsPath) as SopsScalar
                        ?? throw new InputException(bundle, $"secret '{secret.Name}': no single value at {sopsPath}");
                    Slot(secrets, target.Namespace, target.Secret, "Opaque")[target.Key] = Encoding.UTF8.GetBytes(SecretBundle.Text(value) ?? "");
                }
                else if (!secrets.TryGetValue((target.Namespace, target.Secret), out var found) || !found.Data.ContainsKey(target.Key))
                {
                    throw new InputException(bundle, $"secret '{secret.Name}': no Secret manifest '{target.Secret}' with key '{target.Key}' under data or stringData");
                }
            }
        }

        return Annotate([.. secrets.Select(s => new SecretManifest(s.Key.Name, s.Key.Namespace, s.Value.Type, s.Value.Data))], inventory, log);
    }

    /// <summary>Adds each Secret's rotation time (the latest of its inventory secrets) and interval (the shortest).</summary>
    public static IReadOnlyList<SecretManifest> Annotate(IReadOnlyList<SecretManifest> manifests, SecretsInventory inventory, RotationLog log) =>
        [
            .. manifests.Select(manifest =>
            {
                var owners = Owners(inventory, manifest.Name, manifest.Namespace);
                return owners.Count == 0
                    ? manifest
                    : manifest with
                    {
                        RotatedAt = owners.Select(o => log.LastRotated(o.Name)).Max(),
                        RotationInterval = owners.Min(o => o.RotationInterval),
                    };
            }),
        ];

    /// <summary>What verify requires of a bundle's Secret: its keys, and the shortest interval of the inventory secrets it holds (else the default).</summary>
    public static RequiredSecret Required(SecretKeys secret, SecretsInventory? inventory)
    {
        var owners = inventory is null ? [] : Owners(inventory, secret.Name, secret.Namespace);
        return new RequiredSecret(secret.Namespace, secret.Name, secret.Keys, owners.Count == 0 ? RequiredSecret.DefaultRotationInterval : owners.Min(o => o.RotationInterval));
    }

    /// <summary>What verify requires from an inventory: each mapped Secret with its keys and the shortest interval. No decryption.</summary>
    public static IReadOnlyList<RequiredSecret> Required(SecretsInventory inventory) =>
        [
            .. inventory.Secrets.Where(s => s.Kubernetes is not null)
                .GroupBy(s => (s.Kubernetes!.Namespace, s.Kubernetes.Secret))
                .Select(g => new RequiredSecret(g.Key.Namespace, g.Key.Secret, [.. g.Select(s => s.Kubernetes!.Key).Distinct(StringComparer.Ordinal)], g.Min(s => s.RotationInterval))),
        ];

    /// <summary>The inventory secrets mapped to this Secret (a side without a namespace matches any).</summary>
    private static List<ManagedSecret> Owners(SecretsInventory inventory, string name, string? ns) =>
        [.. inventory.Secrets.Where(s => s.Kubernetes is { } t && t.Secret == name && (t.Namespace is null || ns is null || t.Namespace == ns))];

    private static SortedDictionary<string, byte[]> Slot(
        Dictionary<(string? Namespace, string Name), (string Type, SortedDictionary<string, byte[]> Data)> secrets, string? ns, string name, string type)
    {
        if (!secrets.TryGetValue((ns, name), out var slot))
        {
            slot = (type, new SortedDictionary<string, byte[]>(StringComparer.Ordinal));
            secrets[(ns, name)] = slot;
        }

        return slot.Data;
    }
}
