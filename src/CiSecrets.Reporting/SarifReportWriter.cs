using System.Text.Json.Nodes;

namespace CiSecrets.Reporting;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning accepts it
/// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// one run, every rule in <c>tool.driver.rules</c> with short and full descriptions and help,
/// repository-relative URIs, start lines and columns, and <c>partialFingerprints.commitSha</c>.
/// A finding that is not in a file (a cluster object, a gate check) gets a logical location that
/// names it instead of an artifact URI and a region it does not have. Messages and help end with
/// the remediation of the rule's family (<see cref="Remediation"/>). The secret never appears: messages carry the redacted preview only, and no snippet is written.
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

        return writer.WriteAsync(PrintedText.EscapeJson(sarif.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })) + "\n")
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

        return new JsonObject
        {
            ["ruleId"] = finding.RuleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = Level(finding.Severity, finding.Confidence),
            ["rank"] = Rank(finding.Confidence),
            ["message"] = new JsonObject { ["text"] = Message(finding) },
            ["locations"] = new JsonArray(Location(finding)),
            ["partialFingerprints"] = fingerprints,
            ["properties"] = new JsonObject
            {
                ["commit"] = finding.Commit,
                ["author"] = finding.Author,
                ["date"] = finding.Date,
                ["preview"] = finding.Preview,
                ["confidence"] = finding.Confidence.Name(),
            },
        };
    }

    /// <summary>
    /// A file line (SARIF §3.28 physicalLocation with a 1-based region), or for anything else a
    /// logical location (§3.33) whose fully qualified name is the object's name, e.g. <c>apps/secret/db/KEY</c>.
    /// </summary>
    private static JsonObject Location(Finding finding)
    {
        if (!FindingLocation.IsInFile(finding))
        {
            return new JsonObject
            {
                ["logicalLocations"] = new JsonArray(new JsonObject { ["fullyQualifiedName"] = finding.Path, ["kind"] = "resource" }),
            };
        }

        var region = new JsonObject { ["startLine"] = finding.Line };
        if (finding.Column > 0)
        {
            region["startColumn"] = finding.Column;
        }

        return new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = Uri.EscapeDataString(finding.Path).Replace("%2F", "/", StringComparison.Ordinal) },
                ["region"] = region,
            },
        };
    }

    private static string Message(Finding finding)
    {
        var where = finding.Commit.Length > 0 ? $" added in commit {finding.Commit[..Math.Min(12, finding.Commit.Length)]}" : "";
        var preview = finding.Preview.Length > 0 ? $" ({finding.Preview})" : "";
        return $"{(finding.Message ?? finding.Description).TrimEnd('.')}{where}{preview}. {Remediation.Action(finding.RuleId)}";
    }

    private static string Help(RuleDescriptor rule) =>
        Limit($"{(rule.Help ?? rule.Description).TrimEnd('.')}. {Remediation.Help(rule.Id)}");

    /// <summary>A less certain finding is shown one level lower: medium at most a warning, low a note.</summary>
    private static string Level(Severity severity, Confidence confidence) => confidence switch
    {
        Confidence.Low => "note",
        Confidence.Medium when severity == Severity.Error => Level(Severity.Warning),
        _ => Level(severity),
    };

    /// <summary>SARIF §3.27.24 rank (0–100): how sure the tool is, for code scanning's sort order.</summary>
    private static double Rank(Confidence confidence) => confidence switch
    {
        Confidence.High => 90.0,
        Confidence.Medium => 60.0,
        _ => 30.0,
    };

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
