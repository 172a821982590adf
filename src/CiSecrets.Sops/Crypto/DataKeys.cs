using System.Security.Cryptography;
using System.Text;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

/// <summary>
/// Recovers the data key from the master keys this library can open (age X25519), combining Shamir
/// shares when there are several key groups, and wraps a data key for a set of key groups.
/// https://github.com/getsops/sops/blob/main/sops.go (GetDataKeyWithKeyServices), shamir/shamir.go
/// </summary>
internal static class DataKeys
{
    public static byte[] Recover(SopsMetadata metadata, IReadOnlyList<AgeIdentity> identities, string subject)
    {
        var parts = new List<byte[]>();
        var sawAge = false;
        foreach (var group in metadata.KeyGroups)
        {
            foreach (var key in group.Keys.Where(k => k.Type == MasterKeyTypes.Age))
            {
                sawAge = true;
                byte[]? opened;
                try
                {
                    opened = AgeEncryption.Decrypt(key.Enc, identities);
                }
                catch (Exception e) when (e is FormatException or CryptographicException)
                {
                    opened = null;
                }

                if (opened is not null)
                {
                    parts.Add(opened);
                    break;
                }
            }
        }

        var others = metadata.AllKeys.Where(k => k.Type != MasterKeyTypes.Age).Select(k => k.Type).Distinct().ToList();
        if (metadata.KeyGroups.Count <= 1)
        {
            if (parts.Count == 1)
            {
                return CheckLength(parts[0], subject);
            }

            throw Failure(sawAge, others, identities, subject);
        }

        var threshold = metadata.ShamirThreshold > 0 ? metadata.ShamirThreshold : metadata.KeyGroups.Count;
        if (parts.Count == 0)
        {
            throw Failure(sawAge, others, identities, subject);
        }

        // Shamir needs at least two shares, whatever a (malformed) threshold below 2 says.
        var needed = Math.Max(2, threshold);
        if (parts.Count < needed)
        {
            throw new SopsException(SopsErrorKind.ShamirThresholdNotMet, subject, ThresholdNotMet(parts.Count, metadata.KeyGroups.Count, threshold, needed));
        }

        try
        {
            return CheckLength(Shamir.Combine(parts), subject);
        }
        catch (ArgumentException e)
        {
            throw new SopsException(SopsErrorKind.ShamirThresholdNotMet, subject, $"the Shamir shares do not combine: {e.Message}");
        }
    }

    /// <summary>"only 1 of 3 key groups could be opened; 2 are needed", saying why when the file's threshold is below two.</summary>
    internal static string ThresholdNotMet(int opened, int groups, int threshold, int needed) =>
        $"only {opened} of {groups} key groups could be opened; {needed} are needed"
        + (threshold < needed ? $" (the file's shamir_threshold is {threshold}, but Shamir shares combine only from 2)" : " (shamir_threshold)");

    private static byte[] CheckLength(byte[] key, string subject) =>
        key.Length == 32 ? key : throw new SopsException(SopsErrorKind.NoMatchingKey, subject, $"the recovered data key has {key.Length} bytes, expected 32");

    private static SopsException Failure(bool sawAge, List<string> others, IReadOnlyList<AgeIdentity> identities, string subject)
    {
        if (!sawAge)
        {
            return new SopsException(SopsErrorKind.UnsupportedKeyType, subject,
                $"the file has no age key; its data key is wrapped only for {string.Join(", ", others)}, which CiSecrets does not decrypt");
        }

        if (identities.Count == 0)
        {
            return new SopsException(SopsErrorKind.NoIdentity, subject,
                "no age identity found (set SOPS_AGE_KEY or SOPS_AGE_KEY_FILE, or create ~/.config/sops/age/keys.txt)");
        }

        return new SopsException(SopsErrorKind.NoMatchingKey, subject,
            $"none of the {identities.Count} age identities opens the file's data key (wrong key?)");
    }

    /// <summary>Wraps <paramref name="dataKey"/> for every group (Shamir shares when there are several); non-age keys are kept only when <paramref name="keep"/> allows.</summary>
    public static List<SopsKeyGroup> Wrap(byte[] dataKey, IReadOnlyList<SopsKeyGroup> groups, int threshold, string subject, Func<SopsMasterKey, int, SopsMasterKey?>? keep = null)
    {
        var secrets = groups.Count > 1 ? Shamir.Split(dataKey, groups.Count, threshold > 0 ? threshold : groups.Count) : [dataKey];
        var result = new List<SopsKeyGroup>();
        for (var g = 0; g < groups.Count; g++)
        {
            var keys = new List<SopsMasterKey>();
            foreach (var key in groups[g].Keys)
            {
                if (key.Type == MasterKeyTypes.Age)
                {
                    var recipient = AgeRecipient.Parse(key.Identifier, subject);
                    keys.Add(key.WithEnc(AgeEncryption.EncryptArmored(secrets[g], [recipient])));
                }
                else
                {
                    keys.Add(keep?.Invoke(key, g) ?? throw new SopsException(SopsErrorKind.Unsupported, subject,
                        $"cannot wrap the data key for {key.Type} key '{key.Identifier}': CiSecrets wraps age keys only"));
                }
            }

            result.Add(new SopsKeyGroup(keys));
        }

        return result;
    }

    internal static string Hex(byte[] key) => Convert.ToHexString(key).ToLowerInvariant();

    internal static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
