namespace CiSecrets.Inventory;

/// <summary>A decrypted bundle's facts that are not secret: its path, the sops <c>lastmodified</c> time and its document count.</summary>
public sealed record BundleFile(string Path, DateTimeOffset LastModified, int Documents);
