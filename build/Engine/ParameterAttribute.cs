namespace CiSecrets.Build.Engine;

/// <summary>
/// Marks a field of <c>Build</c> as a build parameter, as Nuke's <c>[Parameter]</c> does. It is set from
/// <c>--dashed-name value</c> on the command line, else from the environment variable
/// <c>CISECRETS_NAME</c>, else from the bare <c>NAME</c> (compared without case or separators).
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
