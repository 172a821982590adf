using CiSecrets.Inventory;
using CiSecrets.Sops;

namespace CiSecrets.Rotation;

/// <summary>Decides what a rotation covers. It reads no value: a plan needs no key.</summary>
public static class RotationPlanner
{
    /// <summary>
    /// Every inventory secret with its age; <see cref="PlannedRotation.Selected"/> marks the ones this
    /// run rotates. A name the inventory does not know is bad input.
    /// </summary>
    public static IReadOnlyList<PlannedRotation> Plan(SecretsInventory inventory, string bundleRoot, RotationLog log, RotationSelection selection, DateTimeOffset now)
    {
        var unknown = selection.Names.Where(name => inventory.FindSecret(name) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new InputException(inventory.SourcePath, $"no secret named {string.Join(", ", unknown.Select(n => $"'{n}'"))} in the inventory");
        }

        var bundleTimes = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        DateTimeOffset? BundleTime(string bundle)
        {
            if (!bundleTimes.TryGetValue(bundle, out var time))
            {
                time = bundleTimes[bundle] = SopsFiles.Status(Path.Combine(bundleRoot, bundle)).LastModified;
            }

            return time;
        }

        return
        [
            .. inventory.Secrets.Select(secret =>
            {
                var last = log.LastRotated(secret.Name) ?? BundleTime(secret.Bundle);
                var due = last is null || now - last.Value >= secret.RotationInterval;
                var selected = selection.Scope switch
                {
                    RotationScope.All => true,
                    RotationScope.Due => due,
                    _ => selection.Names.Contains(secret.Name, StringComparer.Ordinal),
                };
                return new PlannedRotation(secret, last, due, selected);
            }),
        ];
    }
}
