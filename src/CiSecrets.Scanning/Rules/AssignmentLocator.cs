using System.Text.RegularExpressions;
using CiSecrets.Scanning.Detection;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Locates values assigned to secret-like names: the pattern captures <c>name</c> and
/// <c>secret</c>, and names whose last part says the value is a path, an id or a length are skipped.
/// Code that only looks like an assignment is skipped too: a literal that starts a concatenation
/// (<c>token = "ghs_" + id</c>), the branches of a conditional (<c>n == 1 ? "secret" : "secrets"</c>),
/// a switch arm on an enum member (<c>Status.MissingSecret =&gt; "…"</c>), a name that is the tail of
/// a path (<c>"cluster/missing-secret" =&gt; …</c>), and a bare token prefix (<c>"glc_"</c>). A word
/// assigned to a token or key name is not one either (<see cref="GenericValueJudgment.IsWordForAMachineSecret"/>).
/// </summary>
public sealed partial class AssignmentLocator(Regex pattern) : ISecretLocator
{
    public IEnumerable<LocatedSecret> Locate(string text, int start, int end)
    {
        for (var match = pattern.Match(text, start, end - start); match.Success; match = match.NextMatch())
        {
            var secret = match.Groups["secret"];
            var name = match.Groups["name"];
            if (secret.Success && secret.Length > 0
                && !SecretNames.IsNotASecretValue(name.Value)
                && !LooksLikeCode(text, start, end, match, name, secret)
                && !GenericValueJudgment.IsWordForAMachineSecret(name.Value, secret.Value))
            {
                yield return new LocatedSecret(secret.Index, secret.Length);
            }
        }
    }

    private static bool LooksLikeCode(string text, int start, int end, Match match, Group name, Group secret)
    {
        var after = text.AsSpan(match.Index + match.Length, end - match.Index - match.Length).TrimStart(" \t");
        var before = text.AsSpan(start, name.Index - start).TrimEnd(" \t\"'`");
        var operatorText = text.AsSpan(name.Index + name.Length, secret.Index - name.Index - name.Length);
        return after.StartsWith('+')
            || (before.EndsWith('?') && operatorText.Contains(':'))
            || (operatorText.Contains("=>", StringComparison.Ordinal) && name.Value.Contains('.', StringComparison.Ordinal) && !IsQuoted(text, start, name))
            || (before.Length >= 2 && before[^1] == '/' && char.IsAsciiLetterOrDigit(before[^2]))
            || TokenPrefix().IsMatch(secret.Value);
    }

    private static bool IsQuoted(string text, int start, Group name) =>
        name.Index > start && text[name.Index - 1] is '"' or '\'' or '`';

    [GeneratedRegex("^[A-Za-z]{2,8}_$")]
    private static partial Regex TokenPrefix();
}
