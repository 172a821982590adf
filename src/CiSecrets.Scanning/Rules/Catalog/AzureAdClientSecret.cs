using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Microsoft Entra ID (Azure AD) application client secrets: three characters, a digit, "Q~", then 31 to 34 more.</summary>
internal static partial class AzureAdClientSecret
{
    public static Rule Rule { get; } = new()
    {
        Id = "azure-ad-client-secret",
        Description = "Azure AD (Entra ID) client secret",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["q~"],
        MinEntropy = 3,
        TruePositives =
        [
            Sample.Join("AZURE_CLIENT_SECRET=", Sample.Token("", 3, Sample.AlphaNumeric), "8Q~", Sample.Token("", 34, Sample.AlphaNumeric + "_~.-", 1)),
        ],
        FalsePositives = ["abc8Q~short", "Q~ is a prompt"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])")]
    private static partial Regex Pattern();
}
