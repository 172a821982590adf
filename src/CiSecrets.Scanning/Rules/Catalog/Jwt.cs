using System.Text;
using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Signed JSON Web Tokens (https://www.rfc-editor.org/rfc/rfc7519): three base64url parts whose
/// header decodes to a JSON object naming its "alg". Bearer tokens work until they expire.
/// </summary>
internal static partial class Jwt
{
    public static Rule Rule { get; } = new()
    {
        Id = "jwt",
        Description = "JSON Web Token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["eyj"],
        MinEntropy = 3,
        Validator = HasJsonHeaderWithAlg,
        TruePositives =
        [
            $"Authorization: Bearer {Token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"1234567890\",\"name\":\"Jane\",\"iat\":1516239022}")}",
            $"token = \"{Token("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"iss\":\"https://issuer\",\"exp\":4102444800}", 1)}\"",
        ],
        FalsePositives =
        [
            $"{Base64Url("{\"foo\":\"bar\",\"baz\":1}")}.{Base64Url("{\"sub\":\"nothing here\"}")}.{Sample.Token("", 43, Sample.Base64Url)}",
            "eyJhbGciOiJIUzI1NiJ9.eyJ.short",
            $"Authorization: Bearer {Detection.ValueFilters.JwtIoSample}",
            $"eyJ{Sample.Token("", 40, Sample.Base64Url, 3)}.eyJ{Sample.Token("", 40, Sample.Base64Url, 4)}.{Sample.Token("", 43, Sample.Base64Url, 5)}",
        ],
    };

    private static string Token(string header, string payload, int variant = 0) =>
        $"{Base64Url(header)}.{Base64Url(payload)}.{Sample.Token("", 43, Sample.Base64Url, variant)}";

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool HasJsonHeaderWithAlg(string token)
    {
        var header = token[..token.IndexOf('.', StringComparison.Ordinal)].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[header.Length];
        if (!Convert.TryFromBase64String(header, bytes, out var written))
        {
            return false;
        }

        var json = Encoding.UTF8.GetString(bytes[..written]).Trim();
        return json.StartsWith('{') && json.EndsWith('}') && json.Contains("\"alg\"", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2048}\.ey[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{10,1024})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
