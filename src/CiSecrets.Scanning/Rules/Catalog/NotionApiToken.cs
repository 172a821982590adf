using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Notion integration tokens, which start with ntn_ and go on with 11 digits and 35 letters and digits.</summary>
internal static partial class NotionApiToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "notion-api-token",
        Description = "Notion integration token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["ntn_"],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("NOTION_TOKEN=ntn_", Sample.Token("", 11, Sample.Digits), Sample.Token("", 35, Sample.AlphaNumeric))],
        FalsePositives = ["ntn_abc", Sample.Join("xntn_", Sample.Token("", 11, Sample.Digits), Sample.Token("", 35, Sample.AlphaNumeric))],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
