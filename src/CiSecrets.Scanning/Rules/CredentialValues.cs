using CiSecrets.Scanning.Detection;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// What makes a password found by its position (the part after <c>user:</c> in a URL, a field
/// of a credential file) a real one rather than a documentation stand-in.
/// </summary>
public static class CredentialValues
{
    /// <summary>True for a literal password: not a placeholder, a reference or a three-letter stub.</summary>
    public static bool IsLiteralPassword(string value) =>
        value.Length >= 4 && !ValueFilters.IsPlaceholderOrReference(value);

    /// <summary>True for any value that is not a placeholder or a reference; weak values count.</summary>
    public static bool IsLiteral(string value) => !ValueFilters.IsPlaceholderOrReference(value);
}
