namespace CiSecrets;

/// <summary>The names a <see cref="Confidence"/> has in reports and on the command line: <c>low</c>, <c>medium</c>, <c>high</c>.</summary>
public static class ConfidenceNames
{
    public static string Name(this Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };

    /// <summary>Parses a name; anything else is an input error naming <paramref name="option"/>.</summary>
    public static Confidence Parse(string text, string option) => text.Trim().ToLowerInvariant() switch
    {
        "high" => Confidence.High,
        "medium" => Confidence.Medium,
        "low" => Confidence.Low,
        _ => throw new InputException(option, "must be low, medium or high"),
    };
}
