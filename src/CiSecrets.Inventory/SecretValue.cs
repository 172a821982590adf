namespace CiSecrets.Inventory;

/// <summary>
/// A managed secret and its current value in the bundle, or why it has none (<see cref="Problem"/>).
/// It holds a secret, so it never prints it.
/// </summary>
public sealed class SecretValue
{
    private SecretValue(ManagedSecret secret, BundleLocation? location, string? value, string? problem)
    {
        Secret = secret;
        Location = location;
        Value = value;
        Problem = problem;
    }

    public ManagedSecret Secret { get; }

    /// <summary>Where the value was found; null when it was not.</summary>
    public BundleLocation? Location { get; }

    /// <summary>The plaintext; null when the bundle does not hold it. Never log it.</summary>
    public string? Value { get; }

    /// <summary>Why there is no value (one line, no value in it); null when there is one.</summary>
    public string? Problem { get; }

    public bool IsPresent => Value is not null;

    public static SecretValue Found(ManagedSecret secret, BundleLocation location, string value) => new(secret, location, value, null);

    public static SecretValue Missing(ManagedSecret secret, string problem) => new(secret, null, null, problem);

    public override string ToString() => $"SecretValue({Secret.Name}, {(IsPresent ? Redaction.Mask : "missing")})";
}
