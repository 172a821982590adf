using CiSecrets.Scanning.Detection;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// What makes a password found by its position (the part after <c>user:</c> in a URL, a field
/// of a credential file) a real one rather than a documentation stand-in.
/// </summary>
public static class CredentialValues
{
    /// <summary>
    /// A regex fragment for the <c>user:password@</c> part of a URL after <c>scheme://</c>, capturing
    /// <c>user</c> and <c>secret</c>. A password equal to the user name (local defaults such as
    /// postgres:postgres) is skipped; the password may contain '@', since the greedy class backtracks
    /// to the last '@' before the host.
    /// </summary>
    public const string UserInfoPattern =
        @"(?<user>[^\s:@/'""`<>()\[\]{}]{0,128}|\{\{?[^\s{}]{1,64}\}\}?|\$\{[^\s{}]{1,64}\}):(?!\k<user>@)(?<secret>[^\s/'""`<>()\[\]]{1,256})@(?=[A-Za-z0-9\[$({])";

    /// <summary>True for a literal password: not a placeholder, a reference or a three-letter stub.</summary>
    public static bool IsLiteralPassword(string value) =>
        value.Length >= 4 && !ValueFilters.IsPlaceholderOrReference(value) && !GenericValueJudgment.IsStandInPassword(value);

    /// <summary>True for any value that is not a placeholder or a reference; weak values count.</summary>
    public static bool IsLiteral(string value) => !ValueFilters.IsPlaceholderOrReference(value);
}
