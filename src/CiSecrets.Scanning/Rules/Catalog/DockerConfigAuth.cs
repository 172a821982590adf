using System.Text;
using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Registry credentials in Docker's config.json or the legacy .dockercfg: <c>"auth"</c> is
/// base64 of <c>user:password</c>, <c>"identitytoken"</c> a refresh token
/// (https://docs.docker.com/reference/cli/docker/#credential-store).
/// </summary>
internal static partial class DockerConfigAuth
{
    public static Rule Rule { get; } = new()
    {
        Id = "docker-config-auth",
        Description = "Registry credentials in a Docker config file",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["\"auth\"", "\"identitytoken\""],
        PathPattern = DockerConfigPath(),
        Validator = IsCredential,
        TruePositives =
        [
            new($"{{\n  \"auths\": {{\n    \"https://index.docker.io/v1/\": {{\n      \"auth\": \"{Base64("ci-bot:" + Sample.Token("", 24, Sample.AlphaNumeric))}\"\n    }}\n  }}\n}}\n", ".docker/config.json"),
            new($"{{\"registry.example.com\": {{\"auth\": \"{Base64("deploy:" + Sample.Token("", 16, Sample.AlphaNumeric, 1))}\", \"email\": \"ci@example.com\"}}}}", ".dockercfg"),
        ],
        FalsePositives =
        [
            new("{\"auths\": {\"ghcr.io\": {}}, \"credsStore\": \"desktop\"}", ".docker/config.json"),
            new($"{{\"auths\": {{\"r\": {{\"auth\": \"{Base64("user:")}\"}}}}}}", ".docker/config.json"),
            new($"{{\"auth\": \"{Base64("ci-bot:" + Sample.Token("", 24, Sample.AlphaNumeric))}\"}}", "src/fixtures/response.json"),
            new("{\"auth\": \"bearer-token-provider\", \"mode\": \"oauth\"}", "app/config.json"),
        ],
    };

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    // "auth" is strict base64 and must decode to user:password with a real password; an identity
    // token (a JWT or an opaque refresh token) does not decode and is taken as is.
    private static bool IsCredential(string value)
    {
        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var written))
        {
            return value.Length >= 16;
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && CredentialValues.IsLiteral(decoded[(colon + 1)..]);
    }

    [GeneratedRegex(@"""auth""\s*:\s*""(?<secret>(?:[A-Za-z0-9+/]{4}){1,1024}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)""|""identitytoken""\s*:\s*""(?<secret>[A-Za-z0-9+/=._-]{16,4096})""")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)(?:\.docker/config\.json|config\.json|\.?dockercfg|\.dockerconfigjson)$")]
    private static partial Regex DockerConfigPath();
}
