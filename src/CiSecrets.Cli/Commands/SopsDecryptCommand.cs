using System.CommandLine;
using System.Text;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops decrypt FILE [--output FILE]</c>: the plaintext, MAC verified, to standard output, or
/// to a file only when <c>--output</c> names one (written atomically). Nothing else ever gets plaintext.
/// </summary>
internal static class SopsDecryptCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The SOPS file to decrypt.");
        var output = new Option<string?>("--output", "-o") { Description = "Write the plaintext to this file (atomically) instead of standard output." };
        var command = new Command("decrypt", "Decrypt a SOPS file (MAC verified) to standard output or to --output.") { file, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = SopsCommand.Resolve(environment, parsed.GetValue(file)!);
            var identities = AgeIdentities.Load(environment);
            if (parsed.GetValue(output) is { } target)
            {
                await SopsFiles.DecryptToFileAsync(path, SopsCommand.Resolve(environment, target), identities, cancellationToken);
                await console.Error.WriteLineAsync($"{parsed.GetValue(file)}: decrypted to {target}");
            }
            else
            {
                var plaintext = SopsFiles.Decrypt(path, identities).ToPlaintext();
                await console.Out.WriteAsync(Encoding.UTF8.GetString(plaintext).AsMemory(), cancellationToken);
                await console.Out.FlushAsync(cancellationToken);
            }

            return (int)ExitCode.Clean;
        });
        return command;
    }
}
