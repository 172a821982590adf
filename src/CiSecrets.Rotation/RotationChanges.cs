using CiSecrets.Inventory;
using CiSecrets.Sops.Age;

namespace CiSecrets.Rotation;

/// <summary>
/// What one rotation changes, computed in memory before anything is written: the plan, the secrets
/// it rotates, and the new text of each file it touches (the bundles, encrypted, and the rotation
/// log), by path relative to the repository root. Both the pull-request rotation (which commits the
/// files) and the working-tree rotation (which writes them) start here.
/// </summary>
internal sealed record RotationChanges(IReadOnlyList<PlannedRotation> Plan, IReadOnlyList<ManagedSecret> Rotated, IReadOnlyDictionary<string, string> Files)
{
    /// <param name="root">The folder holding the bundles and the rotation log (a checkout, or a snapshot of a commit).</param>
    public static RotationChanges Compute(SecretsInventory inventory, string root, RotationSelection selection, IReadOnlyList<AgeIdentity> identities, DateTimeOffset now)
    {
        var log = RotationLog.Load(root);
        var plan = RotationPlanner.Plan(inventory, root, log, selection, now);
        var rotated = plan.Where(p => p.Selected).Select(p => p.Secret).ToList();
        if (rotated.Count == 0)
        {
            return new RotationChanges(plan, [], new Dictionary<string, string>());
        }

        var values = BundleValues.Read(inventory, root, identities);
        var files = new Dictionary<string, string>(BundleRewriter.Rewrite(root, values, rotated, identities, now), StringComparer.Ordinal)
        {
            [RotationLog.FileName] = rotated.Aggregate(log, (l, s) => l.WithRotation(s.Name, now)).ToYaml(),
        };
        return new RotationChanges(plan, rotated, files);
    }
}
