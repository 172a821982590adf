using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// The git credential store file (https://git-scm.com/docs/git-credential-store#_storage_format):
/// one <c>https://user:token@host</c> per line, written by git itself, so every value is real.
/// </summary>
internal static partial class GitCredentials
{
    public static Rule Rule { get; } = new()
    {
        Id = "git-credentials",
        Description = "Password in a .git-credentials file",
        Locator = new RegexLocator(Pattern()),
        PathPattern = CredentialsFile(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("https://octo:", Sample.Token("", 40, Sample.AlphaNumeric), "@github.com\n"), ".git-credentials"),
            new(Sample.Join("https://deploy:", "hunter2", "@git.example.com\n"), "home/ci/.git-credentials"),
        ],
        FalsePositives =
        [
            new("https://github.com\n", ".git-credentials"),
            new("https://octo:${GITHUB_TOKEN}@github.com\n", ".git-credentials"),
        ],
    };

    [GeneratedRegex(@"(?m)^[a-z][a-z0-9+.-]{0,15}://[^\s:@/]{0,256}:(?<secret>[^\s@/]{1,1024})@")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)\.?git-credentials$")]
    private static partial Regex CredentialsFile();
}
