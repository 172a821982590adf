using System.Text;

namespace CiSecrets.Sops;

public sealed partial class SopsDecryptedFile
{
    /// <summary>
    /// The plaintext of every value the file held encrypted (its encryption rules decide which), in file order,
    /// duplicates included: what a CI log must mask before the plaintext is shown. Values left in clear text
    /// (<c>_unencrypted</c>, names outside <c>encrypted_regex</c>) are not secrets and are not returned.
    /// </summary>
    public IEnumerable<string> SecretValues()
    {
        if (Source.Format == SopsFormat.Binary && Branches[0].Find("data") is not null)
        {
            // The whole file is the one value.
            return [Encoding.UTF8.GetString(ToPlaintext())];
        }

        var rules = Source.Metadata?.EffectiveRules ?? EncryptionRules.Default;
        return Branches.SelectMany(b => Leaves(b, [], rules));
    }

    private static IEnumerable<string> Leaves(SopsNode node, List<string> path, EncryptionRules rules)
    {
        switch (node)
        {
            case SopsMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    foreach (var value in Leaves(entry.Value, [.. path, entry.Key], rules))
                    {
                        yield return value;
                    }
                }

                break;
            case SopsSequence sequence:
                // List indices are not part of a sops path (the AAD), so the items share the list's path.
                foreach (var value in sequence.Items.SelectMany(i => Leaves(i, path, rules)))
                {
                    yield return value;
                }

                break;
            case SopsScalar scalar when scalar.Kind != ScalarKind.Null && rules.ShouldEncrypt(path):
                yield return DotenvStore.ScalarText(scalar);
                break;
        }
    }
}
