using System.Globalization;
using System.Text;

namespace CiSecrets.Build.Engine;

/// <summary>The <c>--help</c> listing, laid out like Nuke's HandleHelpRequestsAttribute.</summary>
public static class HelpText
{
    public static string Render(IReadOnlyDictionary<string, Target> targets, string defaultTarget, IReadOnlyList<BuildParameter> parameters)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: ./build.sh [targets] [--skip [targets]] [--parameter value ...]");
        text.AppendLine();
        text.AppendLine("Targets (with their direct dependencies):");
        text.AppendLine();
        foreach (var target in InFlowOrder(targets))
        {
            var name = target.Name == defaultTarget ? $"{target.Name} (default)" : target.Name;
            var dependencies = target.DependsOn.Length == 0 ? "" : $" -> {string.Join(", ", target.DependsOn)}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name}{dependencies}");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {target.Description}");
        }

        text.AppendLine();
        text.AppendLine("Parameters (each also read from the environment as CISECRETS_NAME or NAME):");
        text.AppendLine();
        var rows = parameters
            .Select(p => (Name: p.DashedName + ValueHint(p), p.Description))
            .Append((Name: "--skip [targets]", Description: "Do not run these targets; with no names, run only the targets invoked."))
            .Append((Name: "--help", Description: "Show this listing."))
            .ToList();
        var width = rows.Max(row => row.Name.Length) + 3;
        foreach (var (name, description) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}{description}");
        }

        return text.ToString();
    }

    // Targets with no dependencies first, then by the length of their longest dependency chain, then by name.
    private static IEnumerable<Target> InFlowOrder(IReadOnlyDictionary<string, Target> targets)
    {
        var depth = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in ExecutionPlan.Create(targets, [.. targets.Keys], skip: null).Targets)
        {
            depth[target.Name] = target.DependsOn.Select(d => depth[d] + 1).DefaultIfEmpty(0).Max();
        }

        return targets.Values.OrderBy(t => depth[t.Name]).ThenBy(t => t.Name, StringComparer.Ordinal);
    }

    private static string ValueHint(BuildParameter parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Field.FieldType) ?? parameter.Field.FieldType;
        return type == typeof(bool) ? "" : type == typeof(int) || type == typeof(long) ? " <n>" : " <value>";
    }
}
