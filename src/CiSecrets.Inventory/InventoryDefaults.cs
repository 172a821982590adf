namespace CiSecrets.Inventory;

/// <summary>What a secret gets when it does not say: rotate every 90 days, at least 20 characters.</summary>
public sealed record InventoryDefaults(TimeSpan RotationInterval, int MinLength)
{
    public static InventoryDefaults Standard { get; } = new(TimeSpan.FromDays(90), 20);
}
