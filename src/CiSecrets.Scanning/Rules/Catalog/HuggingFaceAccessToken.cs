using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Hugging Face user access tokens (hf_ and 34 letters) and organization tokens (api_org_).</summary>
internal static partial class HuggingFaceAccessToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "huggingface-access-token",
        Description = "Hugging Face access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["hf_", "api_org_"],
        MinEntropy = 3.5,
        TruePositives =
        [
            $"HF_TOKEN={Sample.Token("hf_", 34, Sample.Upper + Sample.Lower)}",
            $"token = \"{Sample.Token("api_org_", 34, Sample.Upper + Sample.Lower, 1)}\"",
        ],
        FalsePositives =
        [
            $"hf_{new string('x', 34)}",
            "hf_abc",
            $"x{Sample.Token("hf_", 34, Sample.Upper + Sample.Lower, 2)}",
            $"{Sample.Token("hf_", 35, Sample.Upper + Sample.Lower, 3)}",
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:hf|api_org)_[A-Za-z]{34})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
