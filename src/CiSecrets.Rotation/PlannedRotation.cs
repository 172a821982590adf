using CiSecrets.Inventory;

namespace CiSecrets.Rotation;

/// <summary>
/// One secret of the inventory as the plan sees it: when it was last rotated (the rotation log, else
/// the bundle's <c>lastmodified</c>), whether that is longer ago than its interval, and whether this
/// run rotates it.
/// </summary>
public sealed record PlannedRotation(ManagedSecret Secret, DateTimeOffset? LastRotated, bool IsDue, bool Selected);
