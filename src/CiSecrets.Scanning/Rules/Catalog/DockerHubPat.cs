using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Docker Hub personal (dckr_pat_) and organization (dckr_oat_) access tokens.</summary>
internal static partial class DockerHubPat
{
    public static Rule Rule { get; } = new()
    {
        Id = "docker-hub-pat",
        Description = "Docker Hub access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["dckr_pat_", "dckr_oat_"],
        MinEntropy = 3,
        TruePositives =
        [
            $"DOCKERHUB_TOKEN={Sample.Token("dckr_" + "pat_", 27, Sample.Base64Url)}",
            $"password: {Sample.Token("dckr_" + "oat_", 32, Sample.Base64Url, 1)}",
        ],
        FalsePositives = ["dckr_pat_tooshort", "dckr_pat_", $"dckr_pat_{new string('x', 27)}"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
