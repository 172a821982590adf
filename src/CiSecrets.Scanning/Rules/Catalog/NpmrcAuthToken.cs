using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Registry credentials in .npmrc: <c>_authToken</c>, <c>_auth</c> (base64 user:password) and
/// <c>_password</c>, global or scoped to a registry (<c>//registry/:_authToken=</c>),
/// https://docs.npmjs.com/cli/configuring-npm/npmrc#auth-related-configuration.
/// </summary>
internal static partial class NpmrcAuthToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "npmrc-auth-token",
        Description = "Registry credential in an .npmrc file",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["_auth", "_password"],
        PathPattern = NpmrcPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("//npm.pkg.github.com/:_auth", "Token=", Sample.Token("", 36, Sample.AlphaNumeric), "\n@acme:registry=https://npm.pkg.github.com\n"), ".npmrc"),
            new(Sample.Join("_au", "th=", Sample.Token("", 24, Sample.Base64, 1), "=\nalways-auth=true\n"), "frontend/.npmrc"),
            new(Sample.Join("//registry.example.com/:_pass", "word=", Sample.Token("", 20, Sample.Base64, 2), "\n"), ".npmrc"),
        ],
        FalsePositives =
        [
            new("//npm.pkg.github.com/:_authToken=${NPM_TOKEN}\n", ".npmrc"),
            new("always-auth=true\n", ".npmrc"),
            new(Sample.Join("//r/:_auth", "Token=", Sample.Token("", 36, Sample.AlphaNumeric)), "docs/npmrc.txt"),
        ],
    };

    [GeneratedRegex(@"(?m)^[ \t]*(?://[^\s=]{1,256}:)?(?:_authToken|_auth|_password)[ \t]*=[ \t]*[""']?(?<secret>[^\s""']{1,2048})")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)\.?npmrc$")]
    private static partial Regex NpmrcPath();
}
