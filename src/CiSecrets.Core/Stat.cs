namespace CiSecrets;

/// <summary>A named figure of a run: a count, a size or a duration.</summary>
public sealed record Stat(string Name, object Value)
{
    public static Stat Of(string name, long value) => new(name, value);

    public static Stat Of(string name, double value) => new(name, Math.Round(value, 3));

    public static Stat Of(string name, string value) => new(name, value);
}
