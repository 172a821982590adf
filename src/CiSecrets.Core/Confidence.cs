namespace CiSecrets;

/// <summary>
/// How sure a finding is to be a live credential, in increasing order so that a minimum compares:
/// <see cref="High"/> for a provider's format (a <c>ghp_</c> token, an AWS key, a private key) or a
/// long random value assigned to a secret name; <see cref="Medium"/> for other literals assigned to
/// secret names; <see cref="Low"/> for those in documentation, examples and tests, where stand-ins are
/// common but real keys do get committed.
/// </summary>
public enum Confidence
{
    Low,
    Medium,
    High,
}
