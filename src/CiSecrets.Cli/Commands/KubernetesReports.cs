using CiSecrets.Kubernetes;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// Turns apply and verify outcomes into the common <see cref="Report"/>: failures are findings
/// (located at <c>namespace/kind/name</c>), everything else a notice. Names, keys and byte lengths only.
/// </summary>
internal static class KubernetesReports
{
    private static readonly RuleDescriptor SecretWrite = new("k8s/secret-write", "A Secret could not be written");
    private static readonly RuleDescriptor Restart = new("k8s/restart", "A workload could not be restarted or did not roll out");
    private static readonly RuleDescriptor Listing = new("k8s/list", "The workloads of a namespace could not be listed");

    public static Report Apply(ApplyResult result, bool dryRun)
    {
        var findings = new List<Finding>();
        var notices = new List<string>();
        foreach (var secret in result.Secrets)
        {
            var keys = secret.ChangedKeys.Count > 0 ? $" (keys: {string.Join(", ", secret.ChangedKeys)})" : "";
            var line = $"secret {secret.Namespace}/{secret.Name}: {Words(secret.Action)}{keys}";
            if (secret.Failed)
            {
                findings.Add(Finding(SecretWrite, $"{secret.Namespace}/secret/{secret.Name}", $"{line}: {secret.Problem}"));
            }
            else
            {
                notices.Add(line);
            }
        }

        foreach (var workload in result.Workloads)
        {
            var line = $"{workload.Workload.Namespace}/{workload.Workload.Display}: {Words(workload.Action)} ({workload.Message}; reads {string.Join(", ", workload.Secrets)})";
            if (workload.Failed)
            {
                findings.Add(Finding(Restart, $"{workload.Workload.Namespace}/{workload.Workload.Display}", line));
            }
            else
            {
                notices.Add(line);
            }
        }

        findings.AddRange(result.Problems.Select(p => Finding(Listing, p.Split(':')[0], p)));
        return new Report
        {
            Title = dryRun ? "cisecrets k8s apply (dry run)" : "cisecrets k8s apply",
            Rules = [SecretWrite, Restart, Listing],
            Findings = findings,
            Notices = notices,
            Stats =
            [
                Stat.Of("secrets", result.Secrets.Count),
                Stat.Of("secretsChanged", result.Secrets.Count(s => s.Action is not (SecretAction.Unchanged or SecretAction.Failed))),
                Stat.Of("workloadsRestarted", result.Workloads.Count(w => !w.Failed)),
            ],
        };
    }

    public static Report Verify(IReadOnlyList<SecretCheck> checks, bool detailed)
    {
        var rules = checks.Where(c => c.Failed).Select(c => c.RuleId).Distinct().Select(id => new RuleDescriptor(id, Description(id))).ToList();
        return new Report
        {
            Title = "cisecrets k8s verify",
            Rules = rules,
            Findings = [.. checks.Where(c => c.Failed).Select(c => Finding(new RuleDescriptor(c.RuleId, Description(c.RuleId)), Location(c), c.Message))],
            Notices = detailed
                ? [.. checks.Where(c => !c.Failed).Select(c => c.ByteLength is { } length ? $"{c.Message} ({length} bytes)" : c.Message)]
                : [],
            Stats =
            [
                Stat.Of("secrets", checks.Select(c => (c.Namespace, c.Secret)).Distinct().Count()),
                Stat.Of("keys", checks.Count(c => c.Key is not null)),
                Stat.Of("failed", checks.Count(c => c.Failed)),
            ],
        };
    }

    private static string Location(SecretCheck check) => $"{check.Namespace}/secret/{check.Secret}{(check.Key is null ? "" : $"/{check.Key}")}";

    private static string Description(string ruleId) => ruleId switch
    {
        "cluster/missing-secret" => "A required Secret does not exist",
        "cluster/missing-key" => "A required key is missing from its Secret",
        "cluster/empty-value" => "A required key holds nothing",
        "cluster/placeholder" => "A Secret value is a placeholder",
        "cluster/overdue" => "A Secret is older than its rotation interval",
        "cluster/unreachable" => "A Secret could not be read",
        _ => ruleId,
    };

    private static Finding Finding(RuleDescriptor rule, string path, string message) =>
        new() { RuleId = rule.Id, Description = rule.Description, Path = path, Message = message, Preview = "" };

    private static string Words<T>(T action) where T : Enum =>
        string.Concat(action.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
