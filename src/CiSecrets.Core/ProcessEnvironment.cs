namespace CiSecrets;

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : IEnvironment
{
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public string CurrentDirectory => Environment.CurrentDirectory;

    public TimeProvider Clock => TimeProvider.System;
}
