using System.Globalization;

namespace CiSecrets.Sops;

/// <summary>
/// The <c>sops</c> metadata block. https://github.com/getsops/sops/blob/main/stores/stores.go
/// </summary>
public sealed record SopsMetadata
{
    public required IReadOnlyList<SopsKeyGroup> KeyGroups { get; init; }

    /// <summary>0 when not set (then all groups are needed).</summary>
    public int ShamirThreshold { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    /// <summary>The encrypted MAC (<c>ENC[…]</c>), empty when the file has none.</summary>
    public string Mac { get; init; } = "";

    public string Version { get; init; } = "";

    public EncryptionRules Rules { get; init; } = EncryptionRules.Default;

    /// <summary>The rules as written in the file (none set means the default suffix applies).</summary>
    public EncryptionRules EffectiveRules => Rules.WithDefault();

    public IEnumerable<SopsMasterKey> AllKeys => KeyGroups.SelectMany(g => g.Keys);

    /// <summary><c>lastmodified</c> as the MAC's AAD: re-formatted RFC 3339 in whole seconds.</summary>
    public string LastModifiedAad => GoFormat.FormatTimeSeconds(LastModified);

    /// <summary>What <c>sops filestatus</c> calls encrypted: a version and a MAC.</summary>
    public bool IsComplete => Version.Length > 0 && Mac.Length > 0;

    public override string ToString() =>
        $"sops {Version} ({string.Join(" | ", KeyGroups)}, lastmodified {LastModifiedAad})";


    internal static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
