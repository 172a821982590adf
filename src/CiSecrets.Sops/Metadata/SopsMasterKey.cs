namespace CiSecrets.Sops;

/// <summary>The master key types sops writes (the metadata list names).</summary>
public static class MasterKeyTypes
{
    public const string Age = "age";
    public const string Pgp = "pgp";
    public const string Kms = "kms";
    public const string GcpKms = "gcp_kms";
    public const string AzureKeyVault = "azure_kv";
    public const string HashiCorpVault = "hc_vault";
    public const string HuaweiKms = "hckms";

    /// <summary>All types, in the order sops forms a key group from flat lists.</summary>
    public static IReadOnlyList<string> All { get; } = [Age, Pgp, Kms, GcpKms, HuaweiKms, AzureKeyVault, HashiCorpVault];
}

/// <summary>
/// One master key entry of the metadata (an age recipient, a PGP fingerprint, a KMS ARN…) with every
/// field as it was read, so that a key this library cannot open is written back unchanged.
/// </summary>
public sealed class SopsMasterKey
{
    public SopsMasterKey(string type, IReadOnlyList<KeyValuePair<string, SopsNode>> fields)
    {
        Type = type;
        Fields = fields;
    }

    /// <summary>One of <see cref="MasterKeyTypes"/>.</summary>
    public string Type { get; }

    public IReadOnlyList<KeyValuePair<string, SopsNode>> Fields { get; }

    public string? Field(string name) => (Fields.FirstOrDefault(f => f.Key == name).Value as SopsScalar)?.Value switch
    {
        string s => s,
        null => null,
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The wrapped data key (or Shamir share) as stored.</summary>
    public string Enc => Field("enc") ?? "";

    /// <summary>What identifies the key, as sops' <c>ToString()</c> does (recipient, fingerprint, ARN, resource id, URL).</summary>
    public string Identifier => Type switch
    {
        MasterKeyTypes.Age => Field("recipient") ?? "",
        MasterKeyTypes.Pgp => (Field("fp") ?? "").Replace(" ", "", StringComparison.Ordinal),
        MasterKeyTypes.Kms => Field("arn") ?? "",
        MasterKeyTypes.GcpKms => Field("resource_id") ?? "",
        MasterKeyTypes.AzureKeyVault => $"{Field("vault_url")}/keys/{Field("name")}/{Field("version")}",
        MasterKeyTypes.HashiCorpVault => $"{Field("vault_address")}/v1/{Field("engine_path")}/keys/{Field("key_name")}",
        MasterKeyTypes.HuaweiKms => Field("key_id") ?? "",
        _ => "",
    };

    public static SopsMasterKey Age(string recipient, string enc) =>
        new(MasterKeyTypes.Age, [new("enc", SopsScalar.Of(enc)), new("recipient", SopsScalar.Of(recipient))]);

    /// <summary>The same key with a new wrapped value (fields otherwise kept).</summary>
    public SopsMasterKey WithEnc(string enc) =>
        new(Type, [.. Fields.Select(f => f.Key == "enc" ? new KeyValuePair<string, SopsNode>("enc", SopsScalar.Of(enc)) : f)]);

    public override string ToString() => $"{Type}:{Identifier}";
}

/// <summary>A key group: any one of its keys yields the group's data key (or Shamir share).</summary>
public sealed record SopsKeyGroup(IReadOnlyList<SopsMasterKey> Keys)
{
    public override string ToString() => $"[{string.Join(", ", Keys)}]";
}
