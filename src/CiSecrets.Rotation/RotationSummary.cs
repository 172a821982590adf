using System.Globalization;
using System.Text;
using CiSecrets.Inventory;

namespace CiSecrets.Rotation;

/// <summary>How a plan and a result read on a terminal and in the Actions job summary: names, generators, consumers, never values.</summary>
public static class RotationSummary
{
    public static string Generator(SecretGenerator generator) => generator switch
    {
        { Length: { } length } => $"{generator.Type}, {length} characters of {Alphabets.Describe(generator.Alphabet)}",
        { Type: SecretGenerator.PasswordType } => $"password, {generator.Bytes ?? 32} bytes of entropy, {Alphabets.Describe(generator.Alphabet)}",
        _ => $"{generator.Type}, {generator.Bytes ?? 32} random bytes",
    };

    public static string PlanText(IReadOnlyList<PlannedRotation> plan, bool dryRun)
    {
        var text = new StringBuilder();
        var selected = plan.Where(p => p.Selected).ToList();
        text.Append(CultureInfo.InvariantCulture, $"{(dryRun ? "Would rotate" : "Rotating")} {selected.Count} of {plan.Count} secrets{(dryRun ? " (dry run: nothing changed)" : "")}:\n");
        foreach (var item in plan)
        {
            var secret = item.Secret;
            var last = item.LastRotated is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never";
            text.Append(CultureInfo.InvariantCulture, $"  {(item.Selected ? "*" : " ")} {secret.Name}  [{secret.Kind.Name()}: {Generator(secret.Generator)}]")
                .Append(CultureInfo.InvariantCulture, $"  consumers: {(secret.Consumers.Count > 0 ? string.Join(", ", secret.Consumers.Select(PrintedText.Escape)) : "none")}")
                .Append(CultureInfo.InvariantCulture, $"  last rotated: {last}{(item.IsDue ? " (due)" : "")}\n");
        }

        return text.ToString();
    }

    public static string ResultText(RotationResult result) => result.Rotated.Count == 0
        ? "Nothing to rotate: no secret is due.\n"
        : $"Rotated {result.Rotated.Count} {(result.Rotated.Count == 1 ? "secret" : "secrets")}: {string.Join(", ", result.Rotated)}\n"
            + (result.PullRequest is { } pull
                ? $"Branch {result.Branch}; pull request #{pull.Number} {(result.Operation == PullRequestOperation.Created ? "opened" : "updated")}: {pull.Url}\n"
                : $"Wrote {string.Join(", ", result.WrittenFiles.Select(PrintedText.Escape))} in the working tree; review and commit them (no branch, no pull request).\n");

    public static string Markdown(RotationResult result)
    {
        var text = new StringBuilder("## cisecrets rotate\n\n");
        if (result.Rotated.Count == 0)
        {
            return text.Append("Nothing to rotate: no secret is due.\n").ToString();
        }

        text.Append(result.PullRequest is { } pull
                ? $"Pull request [#{pull.Number}]({pull.Url}) {(result.Operation == PullRequestOperation.Created ? "opened" : "updated")} from `{result.Branch}`.\n\n"
                : $"Written to the working tree ({string.Join(", ", result.WrittenFiles.Select(f => $"`{PrintedText.Escape(f)}`"))}); no pull request.\n\n")
            .Append("| secret | kind | generator | consumed by | rotated |\n|---|---|---|---|---|\n");
        foreach (var item in result.Plan)
        {
            var rotated = result.Rotated.Contains(item.Secret.Name, StringComparer.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"| `{item.Secret.Name}` | {item.Secret.Kind.Name()} | {Generator(item.Secret.Generator)} | {string.Join(", ", item.Secret.Consumers.Select(PrintedText.Escape)).Replace("|", "\\|", StringComparison.Ordinal)} | {(rotated ? "yes" : "no")} |\n");
        }

        return text.ToString();
    }
}
