namespace CiSecrets;

/// <summary>
/// How deep a document read from a repository may nest. Every reader (YAML, JSON, dotenv and INI
/// metadata, .sops.yaml, the inventory) refuses deeper input, so the recursive walks over a tree
/// (copy, encrypt, MAC, write) never run out of stack: a pull request is hostile input.
/// </summary>
public static class NestingLimit
{
    /// <summary>The deepest nesting of mappings and lists read (sops files nest a handful of levels).</summary>
    public const int MaxDepth = 128;

    /// <summary>The one-line error for input nested deeper than <see cref="MaxDepth"/>.</summary>
    public static InputException TooDeep(string subject, long line) =>
        new(subject, $"nested deeper than {MaxDepth} levels at line {line}");
}
