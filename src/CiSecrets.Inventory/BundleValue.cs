namespace CiSecrets.Inventory;

/// <summary>A plaintext value of a bundle and where it is. It holds a secret, so it never prints it.</summary>
public sealed class BundleValue(BundleLocation location, string value)
{
    public BundleLocation Location { get; } = location;

    /// <summary>The plaintext (base64-decoded for a Kubernetes Secret's <c>data</c>). Never log it.</summary>
    public string Value { get; } = value;

    public override string ToString() => $"BundleValue({Location}, {Redaction.Mask})";
}
