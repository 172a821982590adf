namespace CiSecrets;

/// <summary>An environment made of a fixed set of variables, for tests and for child invocations.</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables, string currentDirectory) : IEnvironment
{
    public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;

    public string CurrentDirectory { get; } = currentDirectory;
}
