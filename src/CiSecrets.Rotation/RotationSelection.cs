namespace CiSecrets.Rotation;

/// <summary>Which secrets a rotation covers: all of them, the named ones, or those past their interval.</summary>
public sealed record RotationSelection(RotationScope Scope, IReadOnlyList<string> Names)
{
    public static RotationSelection All { get; } = new(RotationScope.All, []);

    public static RotationSelection Due { get; } = new(RotationScope.Due, []);

    public static RotationSelection Named(IReadOnlyList<string> names) => new(RotationScope.Named, names);
}

public enum RotationScope
{
    All,
    Named,
    Due,
}
