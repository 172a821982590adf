using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// Values a generic assignment rule captures from code that are code, not literals: the rest of
/// a concatenation or argument list after a string closed (<c>"token=\"", Build()</c>), and an
/// interpolation hole (<c>$"key = {Generate()}"</c>). Real literals never start this way.
/// </summary>
public static partial class CodeFragments
{
    public static bool IsCodeFragment(string value) => Fragment().IsMatch(value);

    [GeneratedRegex(@"^(?:[""'`]?\s*[,+)]|\{[A-Za-z_$@][A-Za-z0-9_.$]*(?:[(.\[}]|$))")]
    private static partial Regex Fragment();
}
