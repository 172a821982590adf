using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// Values that are never secrets, whatever rule found them: documented examples, placeholders,
/// references to where the real value lives, SOPS ciphertext, public keys, hashes and ids.
/// </summary>
public static partial class ValueFilters
{
    /// <summary>Values vendors publish in their documentation as examples.</summary>
    private static readonly HashSet<string> DocumentedExamples = new(StringComparer.Ordinal)
    {
        "AKIA" + "IOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",

        // Stripe's documented test-mode keys (docs.stripe.com) and the jwt.io sample token, in parts
        // so that the source itself holds no contiguous token.
        "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_" + "BQokikJOvBiI2HlWgH4olfQ2",
        JwtIoSample,
    };

    /// <summary>The token jwt.io shows (HS256, "John Doe"), copied into countless READMEs and tests.</summary>
    public const string JwtIoSample =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
        + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    /// <summary>True when the value is certainly not a live secret, for any rule.</summary>
    public static bool IsNeverSecret(string value) =>
        value.Length == 0
        || DocumentedExamples.Contains(value)
        || value.Contains("EXAMPLE", StringComparison.Ordinal)
        || value.StartsWith("ENC[", StringComparison.Ordinal)
        || IsRepeatedCharacter(value)
        || PlaceholderMask().IsMatch(value)
        || Digest().IsMatch(value);

    /// <summary>
    /// True when a value assigned to a secret-like name is not a literal secret: a placeholder,
    /// a reference to the real value, a type name, or a public key. Used by the generic rules,
    /// where a weak literal such as <c>admin</c> still counts.
    /// </summary>
    public static bool IsPlaceholderOrReference(string value)
    {
        var trimmed = value.Trim().Trim('"', '\'', '`');
        return trimmed.Length < 3
            || IsNeverSecret(trimmed)
            || Placeholder().IsMatch(trimmed)
            || Reference().IsMatch(trimmed)
            || TypeName().IsMatch(trimmed)
            || PublicKey().IsMatch(trimmed)
            || Uuid().IsMatch(trimmed)
            || Version().IsMatch(trimmed)
            || Url().IsMatch(trimmed);
    }

    private static bool IsRepeatedCharacter(string value) =>
        value.Length >= 3 && value.AsSpan().IndexOfAnyExcept(value[0]) < 0;

    // Masks such as xxxx, ****, ...., 0000 standing in for a value.
    [GeneratedRegex(@"^(?:[xX*._#-]{3,}|0{6,})$")]
    private static partial Regex PlaceholderMask();

    [GeneratedRegex(@"(?i)^(?:<[^<>]*>|\[[^\[\]]*\]|\(?(?:none|null|nil|undefined|empty|redacted|hidden|masked|secret_here|tbd|todo|fixme|n/a)\)?)$|change[_ -]?me|changeit|replace[_ -]?(?:me|with|this)|your[_ -]|placeholder|(?:^|[_-])dummy|^example|_example$|insert[_ -]|^fake[_-]|not[_ -]?a[_ -]?(?:real[_ -]?)?secret|^xxx|xxx$|^\*{3,}|\.\.\.|<[A-Za-z_ -]+>|^(?:some|my|the)[_-]?(?:secret|password|passwd|pass|pwd|token|key|api[_-]?key)$|^secret[_-]?value$|^password[_-]?here$|^\{[^{}\s]{1,64}\}$|^%s$|^\?+$")]
    private static partial Regex Placeholder();

    // ${VAR}, $VAR, $(cmd), {{ .Values.x }}, %(name)s, %VAR%, #{x}, @Value, env lookups, secret stores.
    [GeneratedRegex(@"(?i)^\$\{|^\$[A-Za-z_(]|\{\{|\}\}|^%\(|^%[A-Za-z_]+%$|^#\{|^@(?:Value|Named)|os\.environ|os\.getenv|getenv\(|process\.env|\bENV\[|System\.getenv|Environment\.GetEnvironmentVariable|secretKeyRef|valueFrom|^!(?:Ref|Sub|GetAtt|vault)|^vault:|^ref\+|^op://|^sm://|^arn:aws:secretsmanager|^projects/[^/]+/secrets/|^azurekeyvault|^@Microsoft\.KeyVault|^secrets\.|^vars\.|^env\.")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?i)^(?:string|str|text|int|integer|number|bool|boolean|object|any|required|optional|true|false|yes|no|on|off|password|passwd|pass|pwd|secret|token|null|nil|none|hidden|sensitive)$")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-|sk-ssh-|age1[0-9a-z]{50,}|AAAA(?:C3NzaC1lZDI1NTE5|B3NzaC1yc2E|E2VjZHNhLXNoYTItbmlzdHA)|npub1[0-9a-z]{50,}|-----BEGIN (?:PUBLIC KEY|CERTIFICATE|SSH2 PUBLIC KEY|PGP PUBLIC))")]
    private static partial Regex PublicKey();

    // Subresource-integrity hashes (lockfiles, <script integrity>) and algorithm-tagged digests (sha256:..., image digests).
    [GeneratedRegex(@"^(?:sha(?:1|224|256|384|512)-[A-Za-z0-9+/]{27,88}={0,2}|(?:sha(?:1|224|256|384|512)|md5):[0-9a-fA-F]{32,128})$")]
    private static partial Regex Digest();

    // A URL is not itself the secret: the password inside one is, and the URL rules report that
    // (with their own placeholder checks), so a generic rule never reports the whole URL.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]{1,30}://")]
    private static partial Regex Url();

    // Package and assembly versions: "CiSecrets.Gates": "1.0.0" in a deps.json names a package, not a secret.
    [GeneratedRegex(@"^v?[0-9]{1,6}(?:\.[0-9]{1,6}){1,3}(?:[-+][0-9A-Za-z.-]{1,64})?$")]
    private static partial Regex Version();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
