using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>1Password service account tokens, which start with ops_ and go on with a base64 JSON document (https://developer.1password.com/docs/service-accounts/).</summary>
internal static partial class OnePasswordServiceAccountToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "1password-service-account-token",
        Description = "1Password service account token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["ops_eyj"],
        MinEntropy = 4,
        TruePositives = [Sample.Join("OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ", Sample.Token("", 300, Sample.Base64))],
        FalsePositives = ["ops_token is secret", Sample.Join("ops_DUMMY", Sample.Token("", 300, Sample.Base64))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ops_eyJ[A-Za-z0-9+/_-]{250,4096}={0,3})(?![A-Za-z0-9+/_-])")]
    private static partial Regex Pattern();
}
