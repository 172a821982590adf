using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// What makes a variable, key or setting name secret-like, shared by the generic assignment rules:
/// the name contains a secret word, and its last part does not say it holds something else
/// (<c>password_file</c>, <c>tokenUrl</c>, <c>api_key_id</c>, <c>secretName</c> are not secrets).
/// </summary>
public static partial class SecretNames
{
    /// <summary>
    /// A regex fragment for a secret-like name, captured as <c>name</c>. Its parts are bounded and
    /// it starts only where a name starts, so a long run of name characters costs linear time.
    /// </summary>
    public const string NamePattern =
        @"(?<![A-Za-z0-9_.$-])(?<name>[A-Za-z0-9_.$-]{0,64}?(?:passw(?:or)?d|passphrase|(?<![A-Za-z])pass(?![A-Za-z])|pwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|credentials?)[A-Za-z0-9_.-]{0,64})";

    /// <summary>The keywords that must occur for a generic rule to look at a line.</summary>
    public static IReadOnlyList<string> Keywords { get; } =
    [
        "pass", "pwd", "secret", "token", "credential",
        .. new[] { "api", "access", "private", "auth", "signing", "encryption", "master" }
            .SelectMany(word => new[] { "", "_", ".", "-" }.Select(separator => word + separator + "key")),
    ];

    /// <summary>True when the name's last part says the value is not the secret itself.</summary>
    public static bool IsNotASecretValue(string name)
    {
        var parts = NameParts().Split(name.Trim('$', '.', '-', '_')).Where(p => p.Length > 0).ToArray();
        return parts.Length == 0
            || NotSecretPart().IsMatch(parts[^1])
            || parts.Any(part => NeverSecretPart().IsMatch(part));
    }

    // Splits snake, kebab, dotted and camel case into parts.
    [GeneratedRegex(@"[_.\-]+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex NameParts();

    [GeneratedRegex(@"(?i)^(?:file|files|path|dir|directory|url|uri|endpoint|host|hostname|name|names|user|username|len|length|min|max|count|size|type|types|id|ids|hash|hashed|sha|sha1|sha256|sha512|md5|digest|checksum|integrity|fingerprint|thumbprint|commit|revision|rev|recipient|recipients|rounds|policy|pattern|regex|format|prompt|label|placeholder|hint|field|fields|header|param|env|var|enabled|required|expiry|expires|expiration|expiresat|ttl|timeout|lifetime|rotation|reset|confirm|confirmation|provider|strategy|mode|kind|class|validator|input|display|show|visible|storage|store|manager|service|issuer|audience|scope|scopes|grant|location|ref|reference|arn|method|algorithm|alg|encoding|version|index|offset|limit|page|cursor|cache|key(?=_?id)|keyid|rule|rules|regexp|error|errors|message|msg|text|title|description|help|changed|updated|created|generated|length_?min|prefix|suffix|separator|delimiter|char|chars|charset|alphabet|source|sources|from|ref|refs|selector|query|arg|args|option|options|flag|flags|setting|settings|config|schema|test|tests|spec|example|examples|sample|dummy|mock|fake|stub)$")]
    private static partial Regex NotSecretPart();

    // Parts that make the whole name about something public or procedural.
    [GeneratedRegex(@"(?i)^(?:public|pub|csrf|xsrf|forgot|reset|nonce|verifier|challenge|captcha|bypass|compass|passenger|passport|passthrough|tokenizer|tokenize|tokens?izer|tokenization)$")]
    private static partial Regex NeverSecretPart();
}
