using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>SendGrid API keys: "SG.", a 22-character key id, ".", and a 43-character secret.</summary>
internal static partial class SendGridApiToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "sendgrid-api-token",
        Description = "SendGrid API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["sg."],
        MinEntropy = 3.5,
        TruePositives = [Sample.Join("SENDGRID_API_KEY=SG.", Sample.Token("", 22, Sample.Base64Url), ".", Sample.Token("", 43, Sample.Base64Url, 1))],
        FalsePositives =
        [
            Sample.Join("notSG.", Sample.Token("", 22, Sample.Base64Url), ".", Sample.Token("", 43, Sample.Base64Url, 1)),
            "SG.short.value",
            Sample.Join("SG.", Sample.Token("", 22, Sample.Base64Url), "."),
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
