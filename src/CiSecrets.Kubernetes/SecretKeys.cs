namespace CiSecrets.Kubernetes;

/// <summary>A Secret of a bundle by name and key names only, read without decrypting: what verify requires.</summary>
public sealed record SecretKeys(string Name, string? Namespace, IReadOnlyList<string> Keys);
