using System.CommandLine;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops set FILE KEYPATH [--value-type T]</c>: sets one value (a string unless <c>--value-type</c>
/// says otherwise), read from standard input so it never appears in a process list or shell history. The data key is kept, every other byte stays as it was.
/// </summary>
internal static class SopsSetCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The SOPS file to edit.");
        var keyPath = new Argument<string>("keypath") { Description = "Where the value goes: [\"a\"][\"b\"][0] (as sops writes it) or a.b[0]." };
        var valueType = new Option<string>("--value-type")
        {
            Description = "How to store the value: string (default), int, float, bool, or json (a JSON literal such as 5432, true or \"text\", as sops set takes it).",
            DefaultValueFactory = _ => "string",
        }.AcceptOnlyFromAmong(SopsSetValue.Types);
        var command = new Command("set", "Set one value (read from standard input) in a SOPS file, in place.") { file, keyPath, valueType };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var shown = parsed.GetValue(file)!;
            var path = SopsCommand.Resolve(environment, shown);
            var target = SopsPath.Parse(parsed.GetValue(keyPath)!);
            var value = await ReadValueAsync(console.In, shown, cancellationToken);
            var typed = SopsSetValue.Parse(value, parsed.GetValue(valueType)!, shown);
            await SopsFiles.SetAsync(path, AgeIdentities.Load(environment), [new(target, typed)], environment.Clock, cancellationToken);
            await console.Out.WriteLineAsync($"{PrintedText.Escape(shown)}: set {PrintedText.Escape(target.ToString())}");
            return (int)ExitCode.Clean;
        });
        return command;
    }

    /// <summary>All of standard input, less the one line ending that <c>echo</c> or a here-string adds.</summary>
    private static async Task<string> ReadValueAsync(TextReader input, string file, CancellationToken cancellationToken)
    {
        // Bounded: a value larger than a SOPS file may be could never be written, and an endless pipe must not exhaust memory.
        var value = await BoundedFile.ReadToEndAsync(input, SopsFile.MaxFileBytes, $"{file}: the value on standard input", cancellationToken);
        value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
        return value.Length > 0 ? value : throw new InputException(file, "no value on standard input (pipe the value in: printf %s \"$VALUE\" | cisecrets sops set FILE KEYPATH)");
    }
}
