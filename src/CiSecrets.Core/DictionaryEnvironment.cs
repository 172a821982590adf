namespace CiSecrets;

/// <summary>An environment made of a fixed set of variables and a given clock (tests pass a fake one).</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables, string currentDirectory, TimeProvider clock) : IEnvironment
{
    public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;

    public string CurrentDirectory { get; } = currentDirectory;

    public TimeProvider Clock { get; } = clock;
}
