using System.Text.RegularExpressions;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Configuration;

/// <summary>Builds rules that users write (in .cisecrets.yaml or a gitleaks config) from their parts.</summary>
public static class CustomRule
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Compiles a user's pattern. Linear-time (non-backtracking) matching is used whenever the
    /// pattern allows, since the pattern runs over untrusted input; gitleaks patterns are RE2 and
    /// always allow it. Go's <c>(?P&lt;name&gt;</c> groups are accepted.
    /// </summary>
    public static Regex Compile(string subject, string pattern, bool ignoreCase = false)
    {
        var dotnet = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(dotnet, options | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return Compiled(subject, dotnet, options);
        }
        catch (ArgumentException)
        {
            return Compiled(subject, dotnet, options);
        }
    }

    private static Regex Compiled(string subject, string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options | RegexOptions.Compiled, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new InputException(subject, $"invalid regular expression: {e.Message}", e);
        }
    }

    public static Rule Create(
        string subject,
        string id,
        string? description,
        string regex,
        IReadOnlyList<string> keywords,
        double entropy,
        int? secretGroup,
        string? pathRegex)
    {
        var pattern = Compile(subject, regex);
        if (secretGroup is { } group && (group < 0 || group > pattern.GetGroupNumbers().Max()))
        {
            throw new InputException(subject, $"rule {id}: secretGroup {group} does not exist in its regex");
        }

        return new Rule
        {
            Id = id,
            Description = string.IsNullOrWhiteSpace(description) ? id : description,
            Locator = new RegexLocator(pattern, secretGroup is > 0 ? secretGroup : null),
            Keywords = [.. keywords.Select(k => k.ToLowerInvariant())],
            MinEntropy = entropy,
            PathPattern = pathRegex is null ? null : Compile(subject, pathRegex),
            IsUserDefined = true,
        };
    }
}
