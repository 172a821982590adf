using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace CiSecrets.Sops.Age;

/// <summary>
/// The age v1 file format, enough for sops: X25519 stanzas, the header MAC, the STREAM payload, and
/// the ASCII armor. https://github.com/FiloSottile/age (x25519.go, primitives.go, armor/armor.go,
/// internal/format/format.go, internal/stream/stream.go); spec: https://age-encryption.org/v1
/// </summary>
public static class AgeEncryption
{
    private const string Intro = "age-encryption.org/v1";
    private const string X25519Label = "age-encryption.org/v1/X25519";
    private const string ArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
    private const string ArmorEnd = "-----END AGE ENCRYPTED FILE-----";
    private const int ChunkSize = 64 * 1024;

    /// <summary>Encrypts <paramref name="plaintext"/> to the recipients and armors it (with the final newline sops keeps).</summary>
    public static string EncryptArmored(byte[] plaintext, IReadOnlyList<AgeRecipient> recipients) =>
        Armor(Encrypt(plaintext, recipients));

    public static byte[] Encrypt(byte[] plaintext, IReadOnlyList<AgeRecipient> recipients)
    {
        if (recipients.Count == 0)
        {
            throw new ArgumentException("at least one recipient is required", nameof(recipients));
        }

        var fileKey = RandomNumberGenerator.GetBytes(16);
        var header = new StringBuilder(Intro).Append('\n');
        foreach (var recipient in recipients)
        {
            var ephemeral = RandomNumberGenerator.GetBytes(32);
            var share = new byte[32];
            X25519.ScalarMultBase(ephemeral, 0, share, 0);
            var shared = new byte[32];
            if (!X25519.CalculateAgreement(ephemeral, 0, recipient.PublicKey, 0, shared, 0))
            {
                throw new CryptographicException("X25519 agreement produced the all-zero value");
            }

            var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. recipient.PublicKey], Encoding.ASCII.GetBytes(X25519Label));
            var body = Seal(wrapKey, new byte[12], fileKey);
            header.Append("-> X25519 ").Append(RawBase64(share)).Append('\n');
            AppendWrapped(header, RawBase64(body));
        }

        header.Append("---");
        var headerBytes = Encoding.ASCII.GetBytes(header.ToString());
        var mac = HeaderMac(fileKey, headerBytes);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var payload = StreamSeal(fileKey, nonce, plaintext);
        return [.. headerBytes, .. Encoding.ASCII.GetBytes(" " + RawBase64(mac) + "\n"), .. nonce, .. payload];
    }

    /// <summary>
    /// Decrypts an armored or binary age file with the first identity that opens one of its X25519
    /// stanzas; null when none does. Throws <see cref="FormatException"/> for a malformed file and
    /// <see cref="CryptographicException"/> when the header MAC or payload fails after a stanza opened.
    /// </summary>
    public static byte[]? Decrypt(string file, IEnumerable<AgeIdentity> identities) =>
        Decrypt(file.TrimStart().StartsWith(ArmorBegin, StringComparison.Ordinal) ? Dearmor(file) : Encoding.Latin1.GetBytes(file), identities);

    public static byte[]? Decrypt(byte[] file, IEnumerable<AgeIdentity> identities)
    {
        var (stanzas, headerBytes, mac, payloadStart) = ParseHeader(file);
        foreach (var identity in identities)
        {
            foreach (var stanza in stanzas.Where(s => s.Type == "X25519"))
            {
                if (stanza.Args.Count != 1 || stanza.Body.Length != 32)
                {
                    throw new FormatException("invalid X25519 stanza");
                }

                var share = RawBase64Decode(stanza.Args[0]);
                if (share.Length != 32)
                {
                    throw new FormatException("invalid X25519 stanza share");
                }

                var shared = identity.Agree(share);
                if (shared is null)
                {
                    continue;
                }

                var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. identity.Recipient.PublicKey], Encoding.ASCII.GetBytes(X25519Label));
                var fileKey = Open(wrapKey, new byte[12], stanza.Body);
                if (fileKey is null)
                {
                    continue;
                }

                if (!CryptographicOperations.FixedTimeEquals(HeaderMac(fileKey, headerBytes), mac))
                {
                    throw new CryptographicException("age header MAC mismatch");
                }

                if (file.Length - payloadStart < 16)
                {
                    throw new FormatException("age payload is truncated");
                }

                return StreamOpen(fileKey, file.AsSpan(payloadStart, 16).ToArray(), file.AsSpan(payloadStart + 16).ToArray());
            }
        }

        return null;
    }

    /// <summary>The recipients' stanza types of a file, for reporting (X25519 stanzas carry no recipient).</summary>
    internal static IReadOnlyList<string> StanzaTypes(string armored) =>
        [.. ParseHeader(Dearmor(armored)).Stanzas.Select(s => s.Type)];

    private sealed record Stanza(string Type, List<string> Args, byte[] Body);

    private static (List<Stanza> Stanzas, byte[] HeaderBytes, byte[] Mac, int PayloadStart) ParseHeader(byte[] file)
    {
        var position = 0;
        string ReadLine()
        {
            var end = Array.IndexOf(file, (byte)'\n', position);
            if (end < 0)
            {
                throw new FormatException("age header is truncated");
            }

            var line = Encoding.ASCII.GetString(file, position, end - position);
            position = end + 1;
            return line;
        }

        if (ReadLine() != Intro)
        {
            throw new FormatException("not an age v1 file");
        }

        var stanzas = new List<Stanza>();
        while (true)
        {
            var lineStart = position;
            var line = ReadLine();
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                var headerBytes = file[..(lineStart + 3)];
                var parts = line.Split(' ');
                if (parts.Length != 2 || parts[0] != "---")
                {
                    throw new FormatException("malformed age header MAC line");
                }

                return (stanzas, headerBytes, RawBase64Decode(parts[1]), position);
            }

            if (!line.StartsWith("-> ", StringComparison.Ordinal))
            {
                throw new FormatException("malformed age stanza");
            }

            var args = line[3..].Split(' ').ToList();
            var body = new List<byte>();
            while (true)
            {
                var bodyLine = ReadLine();
                body.AddRange(RawBase64Decode(bodyLine));
                if (bodyLine.Length < 64)
                {
                    break;
                }
            }

            stanzas.Add(new Stanza(args[0], args.Skip(1).ToList(), [.. body]));
        }
    }

    private static byte[] HeaderMac(byte[] fileKey, byte[] headerBytes)
    {
        var hmacKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, [], Encoding.ASCII.GetBytes("header"));
        return HMACSHA256.HashData(hmacKey, headerBytes);
    }

    private static byte[] StreamSeal(byte[] fileKey, byte[] nonce, byte[] plaintext)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce, Encoding.ASCII.GetBytes("payload"));
        var output = new List<byte>();
        var chunks = Math.Max(1, (plaintext.Length + ChunkSize - 1) / ChunkSize);
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkSize;
            var chunk = plaintext.AsSpan(start, Math.Min(ChunkSize, plaintext.Length - start)).ToArray();
            output.AddRange(Seal(key, ChunkNonce(i, i == chunks - 1), chunk));
        }

        return [.. output];
    }

    private static byte[] StreamOpen(byte[] fileKey, byte[] nonce, byte[] ciphertext)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce, Encoding.ASCII.GetBytes("payload"));
        var output = new List<byte>();
        var encryptedChunk = ChunkSize + 16;
        var position = 0;
        var index = 0;
        while (true)
        {
            var remaining = ciphertext.Length - position;
            if (remaining < 16)
            {
                throw new CryptographicException("age payload is truncated");
            }

            var last = remaining <= encryptedChunk;
            var chunk = ciphertext.AsSpan(position, Math.Min(encryptedChunk, remaining)).ToArray();
            var plain = Open(key, ChunkNonce(index, last), chunk)
                ?? (last ? null : Open(key, ChunkNonce(index, true), chunk))
                ?? throw new CryptographicException("age payload does not authenticate");
            output.AddRange(plain);
            position += chunk.Length;
            index++;
            if (position >= ciphertext.Length)
            {
                return [.. output];
            }
        }
    }

    private static byte[] ChunkNonce(int counter, bool last)
    {
        var nonce = new byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(3, 8), (ulong)counter);
        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }

    private static byte[] Seal(byte[] key, byte[] nonce, byte[] plaintext)
    {
        using var aead = new ChaCha20Poly1305(key);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        aead.Encrypt(nonce, plaintext, ciphertext, tag);
        return [.. ciphertext, .. tag];
    }

    private static byte[]? Open(byte[] key, byte[] nonce, byte[] sealedData)
    {
        if (sealedData.Length < 16)
        {
            return null;
        }

        using var aead = new ChaCha20Poly1305(key);
        var plaintext = new byte[sealedData.Length - 16];
        try
        {
            aead.Decrypt(nonce, sealedData.AsSpan(0, plaintext.Length), sealedData.AsSpan(plaintext.Length), plaintext);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    public static string Armor(byte[] data)
    {
        var builder = new StringBuilder(ArmorBegin).Append('\n');
        var text = Convert.ToBase64String(data);
        for (var i = 0; i < text.Length; i += 64)
        {
            builder.Append(text, i, Math.Min(64, text.Length - i)).Append('\n');
        }

        return builder.Append(ArmorEnd).Append('\n').ToString();
    }

    public static byte[] Dearmor(string armored)
    {
        var lines = armored.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n');
        if (lines.Length < 2 || lines[0] != ArmorBegin || lines[^1] != ArmorEnd)
        {
            throw new FormatException("invalid age armor");
        }

        var body = string.Concat(lines[1..^1]);
        var buffer = new byte[body.Length];
        return Convert.TryFromBase64String(body, buffer, out var written) ? buffer[..written] : throw new FormatException("invalid base64 in age armor");
    }

    private static void AppendWrapped(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i += 64)
        {
            builder.Append(text, i, Math.Min(64, text.Length - i)).Append('\n');
        }

        if (text.Length % 64 == 0)
        {
            // A body whose last line is full is followed by an empty line (age's stanza rule).
            builder.Append('\n');
        }
    }

    private static string RawBase64(byte[] data) => Convert.ToBase64String(data).TrimEnd('=');

    private static byte[] RawBase64Decode(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException("age uses unpadded base64");
        }

        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : throw new FormatException("invalid base64 in age header");
    }
}
