namespace CiSecrets.Gates;

/// <summary>
/// Where a current secret value was found in history: the secret's name, the commit and the path,
/// never the value. <see cref="WholeTokenOnly"/>: a short value, matched only where it stands alone.
/// </summary>
public sealed record LiveValueHit(string Secret, string Commit, string Path, bool WholeTokenOnly);
