namespace CiSecrets.Cli;

/// <summary>Where a command writes, and whether a person is watching (progress is shown only then).</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>Standard input (a value for <c>sops set</c>); empty unless the process gives one.</summary>
    public TextReader In { get; init; } = TextReader.Null;
}
