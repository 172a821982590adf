using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CiSecrets.Gates;
using CiSecrets.Inventory;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets status</c>: the inventory as a table (presence, strength, consumers, rotation), never a
/// value. Exits 1 when a secret is missing, weak (too short, wrong alphabet, a placeholder) or overdue,
/// so scripts can act on it; 2 on bad input.
/// </summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var path = new Option<string>("--path", "-p") { Description = "Repository to describe.", DefaultValueFactory = _ => "." };
        var config = CommonOptions.Config();
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong("text", "json");
        var command = new Command("status", "Show the secrets inventory: presence in the bundle, length and alphabet, consumers, last rotation and due date.")
        {
            path, config, format,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var context = await GateSetup.ContextAsync(parsed.GetValue(path)!, parsed.GetValue(config), null, null, environment, cancellationToken);
            var (rows, unknown) = SecretStatus.For(context);
            var wrong = rows.Where(r => r.IsWrong(context.Now)).Select(r => r.Name).ToList();
            await console.Out.WriteAsync(parsed.GetValue(format) == "json" ? Json(rows, unknown, context.Now) : Text(rows, unknown, wrong));
            return (int)(wrong.Count > 0 ? ExitCode.PolicyFailure : ExitCode.Clean);
        });
        return command;
    }

    private static string Text(IReadOnlyList<SecretStatus> rows, string? unknown, IReadOnlyList<string> wrong)
    {
        var table = TextTable.Render(
            ["NAME", "KIND", "IN BUNDLE", "LENGTH/ALPHABET", "CONSUMERS", "LAST ROTATION", "DUE"],
            [.. rows.Select(r => new[]
            {
                r.Name, r.Kind.Name(), YesNo(r.Present), r.StrengthOk switch { null => "?", true => "ok", false => r.StrengthProblem!.Replace(r.Name + " ", "", StringComparison.Ordinal) },
                r.Consumers.Count == 0 ? "-" : string.Join(", ", r.Consumers), Date(r.LastRotated), Date(r.Due),
            })]);
        var builder = new StringBuilder(table);
        if (unknown is not null)
        {
            builder.Append('\n').Append("Values not checked: ").Append(PrintedText.Escape(unknown)).Append('\n');
        }

        if (wrong.Count > 0)
        {
            builder.Append('\n').Append($"{wrong.Count} secret(s) missing, weak or overdue: {string.Join(", ", wrong.Select(PrintedText.Escape))}").Append('\n');
        }

        return builder.ToString();
    }

    private static string Json(IReadOnlyList<SecretStatus> rows, string? unknown, DateTimeOffset now) => PrintedText.EscapeJson(JsonSerializer.Serialize(new
    {
        valuesChecked = unknown is null,
        reason = unknown,
        secrets = rows.Select(r => new
        {
            name = r.Name,
            kind = r.Kind.Name(),
            present = r.Present,
            strengthOk = r.StrengthOk,
            strengthProblem = r.StrengthProblem,
            consumers = r.Consumers,
            lastRotated = r.LastRotated?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            due = r.Due?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ok = !r.IsWrong(now),
        }),
    }, Indented)) + "\n";

    private static string YesNo(bool? value) => value switch { null => "?", true => "yes", false => "no" };

    private static string Date(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
