using System.Text.RegularExpressions;

namespace CiSecrets.Sops;

/// <summary>
/// The regular expressions a .sops.yaml or a file's metadata gives (path_regex, encrypted_regex…) run on .NET's
/// non-backtracking engine: linear time whatever the pattern, like the RE2 engine of sops (Go regexp). So a
/// hostile pattern cannot stall a gate, and the patterns it refuses (lookarounds, backreferences) sops refuses too.
/// </summary>
internal static class Re2Pattern
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>Throws an <see cref="InputException"/> naming <paramref name="subject"/> and <paramref name="field"/> when the pattern is invalid or needs backtracking.</summary>
    public static void Validate(string pattern, string subject, string field)
    {
        try
        {
            _ = new Regex(pattern, Options);
        }
        catch (NotSupportedException)
        {
            throw new InputException(subject, $"{field} '{pattern}' needs a backtracking feature (lookaround, backreference, atomic group or conditional), which sops' RE2 engine does not support either");
        }
        catch (ArgumentException)
        {
            throw new InputException(subject, $"{field} '{pattern}' is not a valid regular expression");
        }
    }

    /// <summary>Matches in linear time (compiled patterns are cached by the runtime).</summary>
    public static bool IsMatch(string input, string pattern) => Regex.IsMatch(input, pattern, Options);
}
