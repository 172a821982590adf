using CiSecrets.Gates.Checks;

namespace CiSecrets.Gates;

/// <summary>Every check a policy can name, by name.</summary>
public static class GateChecks
{
    public static IReadOnlyList<IGateCheck> All { get; } =
    [
        new LeaksCheck(), new SopsCheck(), new RequireEncryptedCheck(), new SecretStrengthCheck(), new RotationAgeCheck(),
        new InventoryCheck(), new LiveValuesInHistoryCheck(), new GitignoreCheck(), new PermissionsCheck(), new ClusterCheck(),
    ];

    public static IGateCheck? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
