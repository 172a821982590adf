using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>npm access tokens (npm_), https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/.</summary>
internal static partial class NpmAccessToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "npm-access-token",
        Description = "npm access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["npm_"],
        MinEntropy = 3,
        TruePositives = [$"NPM_TOKEN={Sample.Token("npm_", 36, Sample.AlphaNumeric)}"],
        FalsePositives = ["npm_config_registry=https://registry.npmjs.org/", $"npm_{new string('x', 36)}", "run npm_install_everything_now_please_ok"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])")]
    private static partial Regex Pattern();
}
