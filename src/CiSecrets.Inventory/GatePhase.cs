namespace CiSecrets.Inventory;

/// <summary>A named deployment phase and the checks that must pass before it starts.</summary>
public sealed record GatePhase(string Name, IReadOnlyList<GateCheckEntry> Checks);
