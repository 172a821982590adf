namespace CiSecrets.Inventory;

/// <summary>The database user a password belongs to, so a rotation can say how to change it there.</summary>
public sealed record DatabaseAccount(string Engine, string User);
