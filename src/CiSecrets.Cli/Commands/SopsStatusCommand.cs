using System.CommandLine;
using System.Text.Json;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops status FILE</c>: whether a file is SOPS-encrypted (what <c>sops filestatus</c> says),
/// with its recipients. Exit 0 encrypted, 1 not encrypted, 2 unreadable.
/// </summary>
internal static class SopsStatusCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var file = SopsCommand.FileArgument("The file to look at.");
        var json = new Option<bool>("--json") { Description = "Print {\"encrypted\": true|false, ...} as sops filestatus does." };
        var command = new Command("status", "Say whether a file is SOPS-encrypted and for whom (exit 0 yes, 1 no).") { file, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var shown = parsed.GetValue(file)!;
            var status = SopsFiles.Status(SopsCommand.Resolve(environment, shown));
            if (parsed.GetValue(json))
            {
                await console.Out.WriteLineAsync(PrintedText.EscapeJson(JsonSerializer.Serialize(new
                {
                    encrypted = status.IsEncrypted,
                    path = shown,
                    format = status.Format.ToString().ToLowerInvariant(),
                    version = status.Version,
                    recipients = status.Recipients.Select(r => new { group = r.Group, type = r.Type, identifier = r.Identifier }),
                })));
            }
            else
            {
                await console.Out.WriteLineAsync(status.IsEncrypted
                    ? $"{PrintedText.Escape(shown)}: encrypted (sops {status.Version}; {string.Join(", ", status.Recipients.Select(r => $"{r.Type} {r.Identifier}"))})"
                    : status.HasMetadata ? $"{PrintedText.Escape(shown)}: not encrypted (its sops metadata has no version or MAC)" : $"{PrintedText.Escape(shown)}: not encrypted");
            }

            return (int)(status.IsEncrypted ? ExitCode.Clean : ExitCode.PolicyFailure);
        });
        return command;
    }
}
