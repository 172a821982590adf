namespace CiSecrets.Testing;

/// <summary>YAML shaped to exhaust a reader, for the tests that prove every reader is bounded.</summary>
public static class HostileYaml
{
    /// <summary>
    /// A "billion laughs" document: 9 levels of 9 aliases each (9^9 nodes once expanded) in about 330 bytes,
    /// followed by <paramref name="tail"/> (for instance the key a reader expects).
    /// </summary>
    public static string AliasBomb(string tail = "")
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            var name = (char)('a' + i);
            lines.Add($"{name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{(char)(name - 1)}", 9))}]");
        }

        return string.Join("\n", lines) + "\n" + tail;
    }
}
