using System.Text;
using System.Text.Json;
using CiSecrets.Gates;
using CiSecrets.Inventory;

namespace CiSecrets.Cli.Commands;

/// <summary>A phase's verdict as a plain-text table, Markdown (the step summary) or JSON. Details never hold values.</summary>
internal static class GateOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string RenderText(GateVerdict verdict)
    {
        var rows = verdict.Outcomes.Select(o => new[] { o.Entry.Check, Status(o), o.Result.Detail }).ToList();
        var builder = new StringBuilder();
        builder.Append(TextTable.Render(["CHECK", "STATUS", "DETAIL"], rows));
        builder.Append('\n').Append($"gate {PrintedText.Escape(verdict.Phase)}: {verdict.Status.Name()}").Append('\n');
        return builder.ToString();
    }

    public static string RenderMarkdown(GateVerdict verdict)
    {
        var builder = new StringBuilder();
        builder.Append($"## cisecrets gate `{Cell(verdict.Phase)}`: {verdict.Status.Name()}\n\n");
        builder.Append("| check | status | detail |\n|---|---|---|\n");
        foreach (var outcome in verdict.Outcomes)
        {
            builder.Append($"| `{Cell(outcome.Entry.Check)}` | {Status(outcome)} | {Cell(outcome.Result.Detail)} |\n");
        }

        return builder.ToString();
    }

    public static string RenderJson(GateVerdict verdict) => PrintedText.EscapeJson(JsonSerializer.Serialize(new
    {
        phase = verdict.Phase,
        verdict = verdict.Status.Name(),
        checks = verdict.Outcomes.Select(o => new
        {
            check = o.Entry.Check,
            level = o.Entry.Level == GateLevel.Block ? "block" : "warn",
            whenSkipped = o.Entry.WhenSkipped.ToString().ToLowerInvariant(),
            status = o.Result.Status.Name(),
            effect = o.Effect.Name(),
            detail = o.Result.Detail,
            durationMs = (long)o.Duration.TotalMilliseconds,
        }),
    }, Indented)) + "\n";

    public static string RenderList(SecretsInventory inventory, bool json)
    {
        if (json)
        {
            return PrintedText.EscapeJson(JsonSerializer.Serialize(inventory.Gates.Select(g => new
            {
                phase = g.Name,
                checks = g.Checks.Select(c => new { check = c.Check, level = c.Level.ToString().ToLowerInvariant(), whenSkipped = c.WhenSkipped.ToString().ToLowerInvariant() }),
            }), Indented)) + "\n";
        }

        if (inventory.Gates.Count == 0)
        {
            return $"{PrintedText.Escape(inventory.SourcePath)} defines no gate phases.\n";
        }

        var rows = inventory.Gates.SelectMany(g => g.Checks.Select(c => new[]
        {
            g.Name, c.Check, c.Level.ToString().ToLowerInvariant(), c.WhenSkipped.ToString().ToLowerInvariant(), GateChecks.Find(c.Check)?.Description ?? "",
        })).ToList();
        return TextTable.Render(["PHASE", "CHECK", "LEVEL", "WHEN SKIPPED", "DESCRIPTION"], rows);
    }

    /// <summary>The result, and what the policy made of it when that differs (a failure at level warn, a skip that blocks).</summary>
    private static string Status(CheckOutcome outcome) =>
        outcome.Effect == outcome.Result.Status || (outcome.Result.Status == CheckStatus.Skipped && outcome.Effect == CheckStatus.Pass)
            ? outcome.Result.Status.Name()
            : $"{outcome.Result.Status.Name()} ({outcome.Effect.Name()}s)";

    private static string Cell(string text) => PrintedText.Escape(text).Replace("|", "\\|", StringComparison.Ordinal);
}
