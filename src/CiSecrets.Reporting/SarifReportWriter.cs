using System.Text.Json.Nodes;

namespace CiSecrets.Reporting;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning accepts it
/// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// one run, every rule in <c>tool.driver.rules</c> with short and full descriptions and help,
/// repository-relative URIs, start lines and columns, and <c>partialFingerprints.commitSha</c>.
/// The secret never appears: messages carry the redacted preview only, and no snippet is written.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    public const string ToolName = "cisecrets";

    public string Format => "sarif";

    public Task WriteAsync(Report report, TextWriter writer, CancellationToken cancellationToken)
    {
        var rules = report.Rules
            .Concat(report.Findings.Select(f => new RuleDescriptor(f.RuleId, f.Description, f.Severity)))
            .DistinctBy(rule => rule.Id)
            .ToList();
        var index = rules.Select((rule, i) => (rule.Id, i)).ToDictionary(pair => pair.Id, pair => pair.i);

        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = ToolName,
                        ["informationUri"] = "https://github.com/cisecrets/cisecrets",
                        ["semanticVersion"] = typeof(SarifReportWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                        ["rules"] = new JsonArray([.. rules.Select(Rule)]),
                    },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = new JsonArray([.. report.Findings.Select(f => Result(f, index[f.RuleId]))]),
            }),
        };

        return writer.WriteAsync(sarif.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n")
            .WaitAsync(cancellationToken);
    }

    private static JsonNode Rule(RuleDescriptor rule) => new JsonObject
    {
        ["id"] = rule.Id,
        ["name"] = Name(rule.Id),
        ["shortDescription"] = new JsonObject { ["text"] = Limit(rule.Description) },
        ["fullDescription"] = new JsonObject { ["text"] = Limit(rule.Help ?? rule.Description) },
        ["help"] = new JsonObject
        {
            ["text"] = Help(rule),
            ["markdown"] = Help(rule),
        },
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
        ["properties"] = new JsonObject
        {
            ["tags"] = new JsonArray("security", "secret"),
            ["precision"] = "high",
            ["security-severity"] = rule.Severity == Severity.Error ? "8.0" : "5.0",
        },
    };

    private static JsonNode Result(Finding finding, int ruleIndex)
    {
        var fingerprints = new JsonObject { ["cisecrets/v1"] = finding.Fingerprint };
        if (finding.Commit.Length > 0)
        {
            fingerprints["commitSha"] = finding.Commit;
        }

        var region = new JsonObject { ["startLine"] = Math.Max(1, finding.Line) };
        if (finding.Column > 0)
        {
            region["startColumn"] = finding.Column;
        }

        return new JsonObject
        {
            ["ruleId"] = finding.RuleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = Level(finding.Severity),
            ["message"] = new JsonObject { ["text"] = Message(finding) },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = Uri.EscapeDataString(finding.Path).Replace("%2F", "/", StringComparison.Ordinal) },
                    ["region"] = region,
                },
            }),
            ["partialFingerprints"] = fingerprints,
            ["properties"] = new JsonObject
            {
                ["commit"] = finding.Commit,
                ["author"] = finding.Author,
                ["date"] = finding.Date,
                ["preview"] = finding.Preview,
            },
        };
    }

    private static string Message(Finding finding)
    {
        var where = finding.Commit.Length > 0 ? $" added in commit {finding.Commit[..Math.Min(12, finding.Commit.Length)]}" : "";
        return $"{finding.Message ?? finding.Description}{where} ({finding.Preview}). Rotate it, then remove it.";
    }

    private static string Help(RuleDescriptor rule) =>
        Limit($"{rule.Help ?? rule.Description}. A credential committed to git stays in its history: revoke or rotate it first, then remove it from the code (and from history if required), and suppress accepted findings with a baseline.");

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static string Name(string id) =>
        string.Concat(id.Split('-', '/', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Limit(string text) => text.Length <= 1024 ? text : text[..1021] + "...";
}
