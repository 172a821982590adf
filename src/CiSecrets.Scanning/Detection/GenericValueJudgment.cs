using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// What a generic rule judges after its pattern matched a secret-like name: whether the value could
/// be a credential at all. A name says where a secret might be; the value says whether one is. These
/// values are something else: a word or identifier (<c>LIMIT</c>, <c>keyboard cat</c>), a command or
/// shell fragment, a character set or regex, a timestamp, a permission keyword (<c>id-token: write</c>),
/// a path, or something shorter than a credential. Weak passwords (<c>admin</c>, <c>letmein</c>,
/// <c>Summer2024</c>) are none of these and stay findings. Files that are generated (autoconf
/// <c>configure</c>, lockfiles, minified bundles) are not judged by name at all.
/// </summary>
public static partial class GenericValueJudgment
{
    /// <summary>True when a value a generic rule found at <paramref name="path"/> cannot be a credential.</summary>
    public static bool IsNotACredential(string value, string path) =>
        IsGeneratedFile(path)
        || IsTooShort(value)
        || EmptyQuotes().IsMatch(value)
        || ConstantName().IsMatch(value) && (value.Length < 16 || value.AsSpan().IndexOfAny('_', '-') >= 0)
        || Prose().IsMatch(value)
        || PlaceholderWord().IsMatch(value)
        || PropertyPath().IsMatch(value)
        || ShellFragment().IsMatch(value)
        || RegexSyntax().IsMatch(value)
        || IsCharacterSet(value)
        || Timestamp().IsMatch(value)
        || Permission().IsMatch(value)
        || VersionRange().IsMatch(value)
        || FilePath().IsMatch(value);

    /// <summary>
    /// True when <paramref name="name"/> asks for a machine-made secret (a token, an API key, a signing
    /// secret) and the value is a plain word or a few joined words (<c>tobi</c>, <c>connect-flash</c>):
    /// machines do not generate words. Passwords are chosen by people, so a word assigned to a password
    /// name (<c>admin</c>, <c>letmein</c>) stays a finding.
    /// </summary>
    public static bool IsWordForAMachineSecret(string name, string value) =>
        !PasswordName().IsMatch(name) && LowerCaseWords().IsMatch(value);

    /// <summary>
    /// True for a password found by its position (in a URL's user info) that is a tutorial's stand-in:
    /// a placeholder word (<c>http://tobi:hello@…</c>) or an encoded space, which URL-parser tests use
    /// (<c>http://a%20b:c%20d@host/</c>) and generated credentials never hold.
    /// </summary>
    public static bool IsStandInPassword(string value) =>
        PlaceholderWord().IsMatch(value) || value.Contains("%20", StringComparison.Ordinal);

    /// <summary>
    /// True for files a tool wrote, cisecrets included, where a secret-like name is the tool's
    /// vocabulary, not a person's secret.
    /// </summary>
    public static bool IsGeneratedFile(string path) => GeneratedPath().IsMatch(path);

    // Three characters is no credential; a number shorter than six digits is a count, a port or a doc's "123".
    private static bool IsTooShort(string value) =>
        value.Length < 4 || (value.Length < 6 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0);

    // A run of six or more consecutive letters or digits (abcdef, ABCDEFG, 0123456789) is an alphabet
    // someone spelled out, not a random value: random text almost never holds one.
    private static bool IsCharacterSet(string value)
    {
        var run = 1;
        for (var i = 1; i < value.Length; i++)
        {
            run = value[i] == value[i - 1] + 1 && char.IsAsciiLetterOrDigit(value[i]) && char.IsAsciiLetterOrDigit(value[i - 1]) ? run + 1 : 1;
            if (run >= 6)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?i)passw|passphrase|pwd|(?<![A-Za-z])pass(?![A-Za-z])")]
    private static partial Regex PasswordName();

    [GeneratedRegex(@"^[a-z]{1,24}(?:[-_.][a-z]{1,24}){0,4}$")]
    private static partial Regex LowerCaseWords();

    // ^1.2.1, ~8.5, >=2.0.0: a dependency's version range ("pbkdf2-password": "^1.2.1" names a package).
    [GeneratedRegex(@"^(?:[\^~]|[<>]=?|=)[ 	]?v?[0-9]{1,6}(?:\.(?:[0-9]{1,6}|x|\*)){0,3}(?:[-+][0-9A-Za-z.-]{1,64})?$")]
    private static partial Regex VersionRange();

    // LIMIT, WITHSCORES, READ_ONLY, SHARD-CHANNEL, AUTH2: an upper-case word or constant name (letters,
    // at most two trailing digits per part, so base32 keys with digits inside stay findings).
    [GeneratedRegex(@"^[A-Z]{2,}[0-9]{0,2}(?:[_-][A-Z]{1,}[0-9]{0,2})*$")]
    private static partial Regex ConstantName();

    // Words separated by spaces with no digits: 'keyboard cat', 'shhhh, very secret', 'NO SECRET :('.
    [GeneratedRegex(@"^[\p{L}'’,.!?:;()&-]+(?:[ \t]+[\p{L}'’,.!?:;()&-]+){1,30}$")]
    private static partial Regex Prose();

    // An escaped empty string ("token": "\"\"" in a JSON table): quotes, not a value.
    [GeneratedRegex(@"^(?:\\?[""'`]){1,4}$")]
    private static partial Regex EmptyQuotes();

    // Words every tutorial uses as a stand-in, and Redis' "nopass" (an account without a password).
    [GeneratedRegex(@"(?i)^(?:foo|bar|baz|qux|quux|foobar|foo[_-]bar|foobarbaz|hello|hello[_-]?world|test|testing|demo|sample|nopass|no[_-]?password)$")]
    private static partial Regex PlaceholderWord();

    // user.session.token, config.auth.secret: a property path, not a value.
    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*){2,}$")]
    private static partial Regex PropertyPath();

    [GeneratedRegex(@"^(?:cd|echo|export|exec|eval|rm|mkdir|cat|sed|awk|grep|test|sh|bash|make|git|curl|wget|printf|if|for|then|else)[ \t]|&&|\|\||\$\(|2>&1|[ \t][|;][ \t]")]
    private static partial Regex ShellFragment();

    // \d, \w, \s, [a-z, [^, (?:, or an anchored pattern: a regex a constant holds to validate tokens.
    [GeneratedRegex(@"\\[dwsbDWSB]|\[[^\]]{0,8}[A-Za-z0-9]-[A-Za-z0-9]|\[\^|\(\?[:=!<]|^\^.*\$$")]
    private static partial Regex RegexSyntax();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex Timestamp();

    // GitHub workflow permissions (id-token: write) and access modes.
    [GeneratedRegex(@"(?i)^(?:read|write|read[_-]?write|read[_-]?only|write[_-]?only|read-all|write-all|none|rw|ro)$")]
    private static partial Regex Permission();

    // /etc/app/token, ./secrets/db.txt, ~/.config/token, C:\keys\app.pfx, config/secret.yml: where a secret lives.
    [GeneratedRegex(@"^(?:(?:~|\.{1,2})?/(?:[a-z0-9_.-]+/)*[a-z0-9_.-]+|[A-Za-z]:\\[^\s]*|(?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_-]+\.[a-z]{1,5})$")]
    private static partial Regex FilePath();

    // Autoconf's configure, lockfiles, minified bundles and source maps; and what cisecrets itself
    // writes: the rotation log (names and times), baselines (keyed hashes) and SARIF reports (redacted
    // previews). None holds a value, so only their secret-like names could match; a provider-format
    // secret pasted into one is still reported by its specific rule.
    [GeneratedRegex(@"(?:^|/)(?:\.cisecrets-rotations\.ya?ml|[^/]*baseline[^/]*\.json|[^/]+\.sarif(?:\.json)?|configure|config\.status|libtool|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|Gemfile\.lock|composer\.lock|poetry\.lock|Pipfile\.lock|go\.sum|packages\.lock\.json|[^/]+\.min\.(?:js|css)|[^/]+\.map)$")]
    private static partial Regex GeneratedPath();
}
