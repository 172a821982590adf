using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Locates values assigned to secret-like names: the pattern captures <c>name</c> and
/// <c>secret</c>, and names whose last part says the value is a path, an id or a length are skipped.
/// </summary>
public sealed class AssignmentLocator(Regex pattern) : ISecretLocator
{
    public IEnumerable<LocatedSecret> Locate(string text, int start, int end)
    {
        for (var match = pattern.Match(text, start, end - start); match.Success; match = match.NextMatch())
        {
            var secret = match.Groups["secret"];
            if (secret.Success && secret.Length > 0 && !SecretNames.IsNotASecretValue(match.Groups["name"].Value))
            {
                yield return new LocatedSecret(secret.Index, secret.Length);
            }
        }
    }
}
