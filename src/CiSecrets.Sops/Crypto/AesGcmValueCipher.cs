using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace CiSecrets.Sops;

/// <summary>
/// AES-256-GCM with sops' 32-byte nonces (BouncyCastle: .NET's AesGcm accepts only 12-byte nonces),
/// plus the IV stash sops keeps so that re-encrypting an unchanged value at the same path gives the
/// same ciphertext. https://github.com/getsops/sops/blob/main/aes/cipher.go
/// </summary>
internal sealed class AesGcmValueCipher(byte[] dataKey)
{
    public const int NonceSize = 32;
    private const int TagSize = 16;
    private readonly Dictionary<(string Plaintext, string Aad), byte[]> _ivStash = [];

    public byte[] DataKey { get; } = dataKey;

    /// <summary>Decrypts; null when the tag does not verify.</summary>
    public byte[]? Decrypt(EncryptedValue value, string aad)
    {
        var cipher = NewCipher(false, value.Iv, aad);
        var input = new byte[value.Data.Length + value.Tag.Length];
        value.Data.CopyTo(input, 0);
        value.Tag.CopyTo(input, value.Data.Length);
        var output = new byte[cipher.GetOutputSize(input.Length)];
        try
        {
            var length = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            length += cipher.DoFinal(output, length);
            var plaintext = output[..length];
            _ivStash[(Convert.ToBase64String(plaintext), aad)] = value.Iv;
            return plaintext;
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }

    /// <summary>Encrypts with the stashed IV for an unchanged (plaintext, path) pair, else a fresh random IV.</summary>
    public EncryptedValue Encrypt(byte[] plaintext, string type, string aad, bool freshIv = false)
    {
        var key = (Convert.ToBase64String(plaintext), aad);
        if (freshIv || !_ivStash.TryGetValue(key, out var iv))
        {
            iv = RandomNumberGenerator.GetBytes(NonceSize);
        }

        var cipher = NewCipher(true, iv, aad);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var length = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        length += cipher.DoFinal(output, length);
        return new EncryptedValue(output[..(length - TagSize)], iv, output[(length - TagSize)..length], type);
    }

    /// <summary>Forgets the IVs of decrypted values, so every value gets a new IV.</summary>
    public void ClearStash() => _ivStash.Clear();

    private GcmBlockCipher NewCipher(bool forEncryption, byte[] iv, string aad)
    {
        var cipher = new GcmBlockCipher(new AesEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(DataKey), TagSize * 8, iv, Encoding.UTF8.GetBytes(aad)));
        return cipher;
    }

    public override string ToString() => $"{nameof(AesGcmValueCipher)}({Redaction.Mask})";
}
