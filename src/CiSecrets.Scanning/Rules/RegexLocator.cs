using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Locates secrets with a regex. The secret is the group named <c>secret</c> when the pattern
/// has one (or the numbered group given, as gitleaks' <c>secretGroup</c>), otherwise the whole match.
/// </summary>
public sealed class RegexLocator(Regex pattern, int? secretGroup = null) : ISecretLocator
{
    private readonly int _secretGroup = secretGroup ?? pattern.GroupNumberFromName("secret");

    public Regex Pattern { get; } = pattern;

    public IEnumerable<LocatedSecret> Locate(string text, int start, int end)
    {
        for (var match = Pattern.Match(text, start, end - start); match.Success; match = match.NextMatch())
        {
            var group = _secretGroup >= 0 ? match.Groups[_secretGroup] : match;
            if (group.Success && group.Length > 0)
            {
                yield return new LocatedSecret(group.Index, group.Length);
            }
        }
    }
}
