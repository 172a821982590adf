namespace CiSecrets.Scanning.Rules;

/// <summary>A sample text for a rule, with the path it is scanned under (format rules care).</summary>
public sealed record RuleExample(string Text, string Path = "example.txt")
{
    public static implicit operator RuleExample(string text) => new(text);

    // The text may be a live-looking sample: keep it out of test output.
    public override string ToString() => $"{Path} ({Text.Length} chars)";
}
