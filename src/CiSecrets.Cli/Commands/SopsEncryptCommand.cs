using System.CommandLine;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops encrypt FILE [--output FILE] [--age R1,R2] [--input-type T] [--output-type T]</c>: encrypts a
/// plaintext file under the first matching creation rule of the <c>.sops.yaml</c> found from the current
/// directory; in place unless <c>--output</c>. As with sops, <c>--age</c> replaces the rule's keys (its encryption
/// rules still apply) and needs no <c>.sops.yaml</c>; the types override the store the extension picks.
/// </summary>
internal static class SopsEncryptCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The plaintext file to encrypt.");
        var output = new Option<string?>("--output", "-o") { Description = "Write the encrypted file here instead of replacing FILE ('-' is standard output)." };
        var age = new Option<string?>("--age") { Description = "Age recipients (age1…, comma-separated) to encrypt for, instead of the .sops.yaml rule's keys." };
        var inputType = SopsCommand.StoreOption("--input-type", "Read FILE as this store instead of the one its extension picks.");
        var outputType = SopsCommand.StoreOption("--output-type", "Write the encrypted file as this store (default: the input's).");
        var command = new Command("encrypt", "Encrypt a file under its .sops.yaml creation rule (in place unless --output).") { file, output, age, inputType, outputType };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var shown = parsed.GetValue(file)!;
            var path = SopsCommand.Resolve(environment, shown);
            var rule = Rule(environment, shown, path, parsed.GetValue(age));
            var input = SopsCommand.Store(parsed.GetValue(inputType));
            if (parsed.GetValue(output) is { } dash && SopsCommand.IsStandardOutput(dash))
            {
                var encrypted = await SopsFiles.EncryptToTextAsync(path, rule, environment.Clock, cancellationToken, input, SopsCommand.Store(parsed.GetValue(outputType)));
                await console.Out.WriteAsync(encrypted.AsMemory(), cancellationToken);
                await console.Out.FlushAsync(cancellationToken);
                return (int)ExitCode.Clean;
            }

            var target = parsed.GetValue(output) is { } given ? SopsCommand.Resolve(environment, given) : null;
            await SopsFiles.EncryptFileAsync(path, rule, environment.Clock, cancellationToken, target, input, SopsCommand.Store(parsed.GetValue(outputType)));
            await console.Out.WriteLineAsync($"{PrintedText.Escape(shown)}: encrypted{(target is null ? "" : $" to {PrintedText.Escape(parsed.GetValue(output))}")} for {string.Join(" | ", rule.KeyGroups)}");
            return (int)ExitCode.Clean;
        });
        return command;
    }

    /// <summary>The rule to encrypt under: the config's, with its keys replaced by <c>--age</c> recipients when given.</summary>
    private static SopsCreationRule Rule(IEnvironment environment, string shown, string path, string? ageList)
    {
        if (ageList is null)
        {
            var config = SopsCommand.FindConfig(environment, shown);
            return config.FindRule(path) ?? throw new InputException(shown, $"no creation rule in {config.Path} matches this file");
        }

        var recipients = ageList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r => AgeRecipient.Parse(r, "--age")).ToList();
        if (recipients.Count == 0)
        {
            throw new InputException("--age", "no recipient given");
        }

        var configRule = SopsConfig.Find(environment.CurrentDirectory)?.FindRule(path);
        return SopsCreationRule.ForAge(recipients, configRule?.Rules);
    }
}
