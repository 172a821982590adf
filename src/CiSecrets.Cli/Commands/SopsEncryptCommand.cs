using System.CommandLine;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops encrypt FILE [--output FILE]</c>: encrypts a plaintext file under the first matching
/// creation rule of the <c>.sops.yaml</c> found from the current directory; in place unless <c>--output</c>.
/// </summary>
internal static class SopsEncryptCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The plaintext file to encrypt.");
        var output = new Option<string?>("--output", "-o") { Description = "Write the encrypted file here instead of replacing FILE." };
        var command = new Command("encrypt", "Encrypt a file under its .sops.yaml creation rule (in place unless --output).") { file, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var shown = parsed.GetValue(file)!;
            var path = SopsCommand.Resolve(environment, shown);
            var config = SopsCommand.FindConfig(environment, shown);
            var rule = config.FindRule(path) ?? throw new InputException(shown, $"no creation rule in {config.Path} matches this file");
            var target = parsed.GetValue(output) is { } given ? SopsCommand.Resolve(environment, given) : null;
            await Sops.SopsFiles.EncryptFileAsync(path, rule, cancellationToken, target);
            await console.Out.WriteLineAsync($"{shown}: encrypted{(target is null ? "" : $" to {parsed.GetValue(output)}")} for {string.Join(" | ", rule.KeyGroups)}");
            return (int)ExitCode.Clean;
        });
        return command;
    }
}
