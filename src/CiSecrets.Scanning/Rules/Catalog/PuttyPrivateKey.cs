using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// PuTTY private key files (.ppk, versions 2 and 3): the Private-Lines block, reported whether
/// or not the key is encrypted, since a passphrase-protected key is still crackable offline
/// (https://the.earth.li/~sgtatham/putty/0.78/htmldoc/AppendixC.html).
/// </summary>
internal static partial class PuttyPrivateKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "putty-private-key",
        Description = "PuTTY private key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["putty-user-key-file-"],
        WindowAfter = 16384,
        MinEntropy = 4,
        TruePositives =
        [
            new(Ppk("3", "none", 0), "keys/deploy.ppk"),
            new(Ppk("2", "aes256-cbc", 1), "id_rsa.ppk"),
        ],
        FalsePositives =
        [
            new("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 1\nAAAA\nPrivate-Lines: 1\n...\n", "x.ppk"),
        ],
    };

    private static string Ppk(string version, string encryption, int variant) =>
        Sample.Join(
            $"PuTTY-User-Key-File-{version}: ssh-rsa\nEncryption: {encryption}\nComment: rsa-key-20240101\nPublic-Lines: 2\n",
            Sample.Token("", 64, Sample.Base64, variant), "\n", Sample.Token("", 40, Sample.Base64, variant + 10), "\n",
            "Private-Lines: 3\n",
            Sample.Token("", 64, Sample.Base64, variant + 20), "\n", Sample.Token("", 64, Sample.Base64, variant + 30), "\n", Sample.Token("", 24, Sample.Base64, variant + 40), "\n",
            "Private-MAC: ", Sample.Token("", 64, Sample.Hex, variant), "\n");

    [GeneratedRegex(@"PuTTY-User-Key-File-[23]:[^\r\n]{1,100}(?:\r?\n[^\r\n]{0,1024}){1,200}?\r?\nPrivate-Lines:[ \t]*[0-9]{1,4}\r?\n(?<secret>[A-Za-z0-9+/=]{16,128}(?:\r?\n[A-Za-z0-9+/=]{1,128}){0,200})")]
    private static partial Regex Pattern();
}
