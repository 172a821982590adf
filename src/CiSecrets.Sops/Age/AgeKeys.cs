using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace CiSecrets.Sops.Age;

/// <summary>An age X25519 recipient (<c>age1…</c>): a public key a data key can be wrapped to.</summary>
public sealed record AgeRecipient
{
    private AgeRecipient(string text, byte[] publicKey)
    {
        Text = text;
        PublicKey = publicKey;
    }

    /// <summary>The canonical <c>age1…</c> string.</summary>
    public string Text { get; }

    internal byte[] PublicKey { get; }

    public static bool TryParse(string text, out AgeRecipient? recipient)
    {
        recipient = null;
        var decoded = Bech32.Decode(text.Trim());
        if (decoded is not { Hrp: "age" } d || d.Data.Length != 32 || text.Trim() != text.Trim().ToLowerInvariant())
        {
            return false;
        }

        recipient = new AgeRecipient(text.Trim(), d.Data);
        return true;
    }

    /// <summary>Parses an <c>age1…</c> recipient, or throws an <see cref="InputException"/> naming <paramref name="subject"/>.</summary>
    public static AgeRecipient Parse(string text, string subject) =>
        TryParse(text, out var recipient) ? recipient! : throw new InputException(subject, $"'{text.Trim()}' is not a valid age X25519 recipient (age1…)");

    internal static AgeRecipient FromPublicKey(byte[] publicKey) => new(Bech32.Encode("age", publicKey), publicKey);

    public bool Equals(AgeRecipient? other) => other is not null && other.Text == Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}

/// <summary>
/// An age X25519 identity (<c>AGE-SECRET-KEY-1…</c>). It holds a private key, so it never prints it.
/// https://github.com/FiloSottile/age/blob/main/x25519.go
/// </summary>
public sealed class AgeIdentity
{
    private readonly byte[] _secret;

    private AgeIdentity(byte[] secret)
    {
        _secret = secret;
        var publicKey = new byte[32];
        X25519.ScalarMultBase(secret, 0, publicKey, 0);
        Recipient = AgeRecipient.FromPublicKey(publicKey);
    }

    /// <summary>The matching public recipient.</summary>
    public AgeRecipient Recipient { get; }

    /// <summary>A fresh random identity (tests, key generation).</summary>
    public static AgeIdentity Generate() => new(RandomNumberGenerator.GetBytes(32));

    public static bool TryParse(string text, out AgeIdentity? identity)
    {
        identity = null;
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal))
        {
            return false;
        }

        var decoded = Bech32.Decode(trimmed);
        if (decoded is not { Hrp: "age-secret-key-" } d || d.Data.Length != 32)
        {
            return false;
        }

        identity = new AgeIdentity(d.Data);
        return true;
    }

    /// <summary>The <c>AGE-SECRET-KEY-1…</c> string (for writing a key file; handle as a secret).</summary>
    public string ExportSecret() => Bech32.Encode("AGE-SECRET-KEY-", _secret);

    /// <summary>X25519(secret, share), or null for the all-zero result age rejects.</summary>
    internal byte[]? Agree(byte[] share)
    {
        var shared = new byte[32];
        return X25519.CalculateAgreement(_secret, 0, share, 0, shared, 0) ? shared : null;
    }

    public override string ToString() => $"AgeIdentity({Recipient.Text}, secret {Redaction.Mask})";
}
