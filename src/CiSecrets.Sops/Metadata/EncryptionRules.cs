namespace CiSecrets.Sops;

/// <summary>
/// Which values sops encrypts: at most one of the suffix/regex rules (none means
/// <c>unencrypted_suffix: _unencrypted</c>), plus <c>mac_only_encrypted</c>.
/// https://github.com/getsops/sops/blob/main/sops.go (shouldBeEncrypted)
/// </summary>
public sealed record EncryptionRules
{
    public const string DefaultUnencryptedSuffix = "_unencrypted";

    public string? UnencryptedSuffix { get; init; }
    public string? EncryptedSuffix { get; init; }
    public string? UnencryptedRegex { get; init; }
    public string? EncryptedRegex { get; init; }
    public string? UnencryptedCommentRegex { get; init; }
    public string? EncryptedCommentRegex { get; init; }
    public bool MacOnlyEncrypted { get; init; }

    public static EncryptionRules Default { get; } = new() { UnencryptedSuffix = DefaultUnencryptedSuffix };

    /// <summary>Reads the rules from a mapping's fields (metadata or a creation rule: the names are the same).</summary>
    internal static EncryptionRules Read(Func<string, string?> field, string subject)
    {
        var rules = new EncryptionRules
        {
            UnencryptedSuffix = field("unencrypted_suffix"),
            EncryptedSuffix = field("encrypted_suffix"),
            UnencryptedRegex = field("unencrypted_regex"),
            EncryptedRegex = field("encrypted_regex"),
            UnencryptedCommentRegex = field("unencrypted_comment_regex"),
            EncryptedCommentRegex = field("encrypted_comment_regex"),
            MacOnlyEncrypted = field("mac_only_encrypted") is { } m && GoFormat.TryParseBool(m, out var b) && b,
        };
        rules.Validate(subject);
        return rules;
    }

    /// <summary>How many of the six rules are set (sops allows at most one).</summary>
    public int Count => new[] { UnencryptedSuffix, EncryptedSuffix, UnencryptedRegex, EncryptedRegex, UnencryptedCommentRegex, EncryptedCommentRegex }
        .Count(r => !string.IsNullOrEmpty(r));

    /// <summary>These rules with the default suffix when none is set.</summary>
    public EncryptionRules WithDefault() => Count == 0 ? this with { UnencryptedSuffix = DefaultUnencryptedSuffix } : this;

    /// <summary>Whether a value at <paramref name="path"/> (its mapping keys, root first) is encrypted.</summary>
    public bool ShouldEncrypt(IReadOnlyList<string> path)
    {
        if (!string.IsNullOrEmpty(UnencryptedSuffix))
        {
            return !path.Any(k => k.EndsWith(UnencryptedSuffix, StringComparison.Ordinal));
        }

        if (!string.IsNullOrEmpty(EncryptedSuffix))
        {
            return path.Any(k => k.EndsWith(EncryptedSuffix, StringComparison.Ordinal));
        }

        if (!string.IsNullOrEmpty(UnencryptedRegex))
        {
            return !path.Any(k => Re2Pattern.IsMatch(k, UnencryptedRegex));
        }

        if (!string.IsNullOrEmpty(EncryptedRegex))
        {
            return path.Any(k => Re2Pattern.IsMatch(k, EncryptedRegex));
        }

        // The comment rules decide by the comments above a value; without comment context every value is encrypted.
        return true;
    }

    /// <summary>Throws an <see cref="InputException"/> when more than one rule is set or a regex does not compile.</summary>
    public void Validate(string subject)
    {
        if (Count > 1)
        {
            throw new InputException(subject, "more than one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex, unencrypted_comment_regex, encrypted_comment_regex is set");
        }

        foreach (var pattern in new[] { UnencryptedRegex, EncryptedRegex, UnencryptedCommentRegex, EncryptedCommentRegex })
        {
            if (!string.IsNullOrEmpty(pattern))
            {
                Re2Pattern.Validate(pattern, subject, "the regular expression");
            }
        }
    }
}
