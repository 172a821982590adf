using System.CommandLine;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// The two commands that change who can open a file or with which key: <c>sops rotate FILE</c> (a new data
/// key, every value re-encrypted) and <c>sops updatekeys FILE</c> (recipients made equal to the creation rule's).
/// </summary>
internal static class SopsKeyCommands
{
    public static Command Rotate(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The SOPS file whose data key is replaced.");
        var force = new Option<bool>("--force") { Description = "Rotate even when the key that opens the file would not open it afterwards (its recipient is not among the file's recipients)." };
        var command = new Command("rotate", "Replace a SOPS file's data key and re-encrypt every value (what sops rotate does).") { file, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var shown = parsed.GetValue(file)!;
            await SopsFiles.RotateAsync(SopsCommand.Resolve(environment, shown), AgeIdentities.Load(environment), environment.Clock, cancellationToken, force: parsed.GetValue(force));
            await console.Out.WriteLineAsync($"{PrintedText.Escape(shown)}: new data key, every value re-encrypted");
            return (int)ExitCode.Clean;
        });
        return command;
    }

    public static Command UpdateKeys(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The SOPS file whose recipients are brought in line with .sops.yaml.");
        var command = new Command("updatekeys", "Re-wrap a SOPS file's data key for the recipients of its .sops.yaml creation rule.") { file };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var shown = parsed.GetValue(file)!;
            var path = SopsCommand.Resolve(environment, shown);
            var config = SopsCommand.FindConfig(environment, shown);
            var identities = AgeIdentities.Load(environment);

            // sops re-wraps without looking at the values; we first check them (MAC included), so that new
            // recipients are never handed a tampered or half-encrypted file.
            _ = SopsFiles.Decrypt(path, identities);
            var changed = await SopsFiles.UpdateKeysAsync(path, identities, config, cancellationToken);
            await console.Out.WriteLineAsync(changed
                ? $"{PrintedText.Escape(shown)}: recipients updated to {string.Join(" | ", config.FindRule(path)!.KeyGroups)}"
                : $"{PrintedText.Escape(shown)}: recipients already match {PrintedText.Escape(config.Path)}");
            return (int)ExitCode.Clean;
        });
        return command;
    }
}
