namespace CiSecrets.Cli;

/// <summary>Where a command writes, and whether a person is watching (progress is shown only then).</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive);
