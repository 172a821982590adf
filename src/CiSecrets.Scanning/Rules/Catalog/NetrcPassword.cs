using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Passwords in .netrc / _netrc files (<c>machine host login user password X</c>, on one line or
/// several), https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html.
/// </summary>
internal static partial class NetrcPassword
{
    public static Rule Rule { get; } = new()
    {
        Id = "netrc-password",
        Description = "Password in a .netrc file",
        Locator = new RegexLocator(Pattern()),
        PathPattern = NetrcPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("machine api.heroku.com\n  login me@example.com\n  pass", "word ", Sample.Token("", 36, Sample.Hex), "\n"), ".netrc"),
            new(Sample.Join("machine ftp.example.com login deploy pass", "word Tr0ub4dor\n"), "home/ci/_netrc"),
        ],
        FalsePositives =
        [
            new("machine ftp.example.com login anonymous\n", ".netrc"),
            new(Sample.Join("machine x login y pass", "word ${NETRC_PASSWORD}\n"), ".netrc"),
            new(Sample.Join("machine ftp.example.com login deploy pass", "word Tr0ub4dor\n"), "docs/netrc.txt"),
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])password[ \t\r\n]+(?<secret>[^\s]{1,256})")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)[._]netrc$")]
    private static partial Regex NetrcPath();
}
