namespace CiSecrets;

/// <summary>Turns a secret value into something safe to print.</summary>
public static class Redaction
{
    /// <summary>What a fully hidden value prints as.</summary>
    public const string Mask = "*****";

    /// <summary>
    /// A preview of at most four leading characters, and fewer for short values, so that a weak
    /// password such as <c>admin</c> is never reconstructable from its preview.
    /// </summary>
    public static string Preview(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Mask;
        }

        var shown = Math.Min(4, value.Length / 4);
        return string.Concat(value.AsSpan(0, shown), Mask);
    }
}
