namespace CiSecrets.Inventory;

/// <summary>What a managed secret is; the kind picks its default generator.</summary>
public enum SecretKind
{
    Password,
    ApiKey,
    Token,
    SigningKey,
    EncryptionKey,
    Custom,
}

/// <summary>The kebab-case names <c>.cisecrets.yaml</c> uses for <see cref="SecretKind"/>.</summary>
public static class SecretKinds
{
    private static readonly (string Name, SecretKind Kind)[] Names =
    [
        ("password", SecretKind.Password),
        ("api-key", SecretKind.ApiKey),
        ("token", SecretKind.Token),
        ("signing-key", SecretKind.SigningKey),
        ("encryption-key", SecretKind.EncryptionKey),
        ("custom", SecretKind.Custom),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static SecretKind? TryParse(string name) =>
        Names.Where(n => n.Name == name).Select(n => (SecretKind?)n.Kind).FirstOrDefault();

    public static string Name(this SecretKind kind) => Names.First(n => n.Kind == kind).Name;
}
