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
        var output = new Option<string?>("--output", "-o") { Description = "Write the plaintext to this file (atomically, mode 0600) instead of standard output ('-' is standard output)." };
        var inputType = SopsCommand.StoreOption("--input-type", "Read FILE as this store instead of the one its extension picks (the plaintext is written in the same store).");
        var command = new Command("decrypt", "Decrypt a SOPS file (MAC verified) to standard output or to --output.") { file, output, inputType };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = SopsCommand.Resolve(environment, parsed.GetValue(file)!);
            var decrypted = SopsFiles.Decrypt(path, AgeIdentities.Load(environment), SopsCommand.Store(parsed.GetValue(inputType)));
            if (environment.IsGitHubActions())
            {
                // Before any plaintext exists outside this process: the log must already know what to hide.
                await ActionsMasks.WriteAsync(console.Out, decrypted.SecretValues(), cancellationToken);
            }

            if (parsed.GetValue(output) is { } target && !SopsCommand.IsStandardOutput(target))
            {
                await SopsFiles.DecryptToFileAsync(decrypted, SopsCommand.Resolve(environment, target), cancellationToken);
                await console.Error.WriteLineAsync($"{PrintedText.Escape(parsed.GetValue(file))}: decrypted to {PrintedText.Escape(target)}");
            }
            else
            {
                await console.Out.WriteAsync(Encoding.UTF8.GetString(decrypted.ToPlaintext()).AsMemory(), cancellationToken);
                await console.Out.FlushAsync(cancellationToken);
            }

            return (int)ExitCode.Clean;
        });
        return command;
    }
}
