using System.Text.Json.Nodes;
using static CiSecrets.Reporting.Tests.ReportFixtures;

namespace CiSecrets.Reporting.Tests;

/// <summary>SARIF: a file finding has a physical location, anything else a logical one; each rule family has its own remediation.</summary>
public sealed class SarifReportTests
{
    private const string LeakRemediation = "Rotate it, then remove it.";

    private static async Task<JsonObject> SarifAsync(params Finding[] findings) =>
        JsonNode.Parse(await RenderAsync(new SarifReportWriter(), Of(findings)))!.AsObject();

    private static JsonArray Results(JsonObject sarif) => sarif["runs"]![0]!["results"]!.AsArray();

    [Fact(Timeout = 120_000)]
    public async Task A_cluster_finding_has_a_logical_location_and_no_artifact_or_region()
    {
        // Act
        var sarif = await SarifAsync(Leak, Cluster);

        // Assert
        var (leak, cluster) = (Results(sarif)[0]!, Results(sarif)[1]!);
        var physical = leak["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("deploy/ci.sh", physical["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal((12, 8), (physical["region"]!["startLine"]!.GetValue<int>(), physical["region"]!["startColumn"]!.GetValue<int>()));

        var location = cluster["locations"]![0]!.AsObject();
        Assert.Equal(["logicalLocations"], location.Select(p => p.Key));
        var logical = location["logicalLocations"]![0]!;
        Assert.Equal(("apps/secret/db/PASSWORD", "resource"), (logical["fullyQualifiedName"]!.GetValue<string>(), logical["kind"]!.GetValue<string>()));
        Assert.DoesNotContain("\"region\"", cluster.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_result_has_the_shape_sarif_2_1_0_requires()
    {
        // Act
        var sarif = await SarifAsync(Leak, Sops, Cluster, Apply, Gate);

        // Assert: the properties SARIF 2.1.0 requires (§3.13 sarifLog, §3.14 run, §3.19 tool, §3.27 result, §3.28 location).
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", sarif["$schema"]!.GetValue<string>());
        var run = Assert.Single(sarif["runs"]!.AsArray())!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = Results(sarif);
        Assert.Equal(5, results.Count);
        foreach (var result in results)
        {
            var ruleId = result!["ruleId"]!.GetValue<string>();
            Assert.Equal(ruleId, rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(result["message"]!["text"]!.GetValue<string>()));
            Assert.Contains(result["level"]!.GetValue<string>(), new[] { "none", "note", "warning", "error" });
            var location = Assert.Single(result["locations"]!.AsArray())!.AsObject();
            Assert.True(location.ContainsKey("physicalLocation") || location.ContainsKey("logicalLocations"), $"{ruleId} has an empty location");
            if (location["physicalLocation"] is { } physical)
            {
                Assert.True(physical["region"]!["startLine"]!.GetValue<int>() >= 1, $"{ruleId}: startLine must be 1 or more");
            }
        }

        foreach (var rule in rules)
        {
            foreach (var field in new[] { "shortDescription", "fullDescription", "help" })
            {
                var text = rule![field]!["text"]!.GetValue<string>();
                Assert.InRange(text.Length, 1, 1024);
            }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Only_a_leak_is_told_to_rotate_and_remove_each_other_family_gets_its_own_remediation()
    {
        // Act
        var sarif = await SarifAsync(Leak, Sops, Cluster, Apply, Gate);

        // Assert
        var messages = Results(sarif).ToDictionary(r => r!["ruleId"]!.GetValue<string>(), r => r!["message"]!["text"]!.GetValue<string>());
        Assert.EndsWith(LeakRemediation, messages["github-pat"], StringComparison.Ordinal);
        Assert.Equal($"apps/db key PASSWORD is missing. {Remediation.Action("cluster/missing-key")}", messages["cluster/missing-key"]);
        Assert.Equal($"secret apps/cache: failed: HTTP 500 InternalError. {Remediation.Action("k8s/secret-write")}", messages["k8s/secret-write"]);
        Assert.Equal($"secrets/app.sops.yaml: the value at 'db.password' is not encrypted ({Redaction.Mask}). {Remediation.Action("sops/value-not-encrypted")}", messages["sops/value-not-encrypted"]);
        Assert.Equal($"postgres_password was rotated 120 days ago. {Remediation.Action("gate/rotation-age")}", messages["gate/rotation-age"]);
        foreach (var (ruleId, message) in messages.Where(m => m.Key != "github-pat"))
        {
            Assert.DoesNotContain("Rotate it, then remove it", message, StringComparison.Ordinal);
            Assert.DoesNotContain("()", message, StringComparison.Ordinal);
        }

        // Five families, five different remediations and helps.
        Assert.Equal(5, messages.Keys.Select(Remediation.Action).Distinct().Count());
        var helps = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["help"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(5, helps.Count);
        Assert.Single(helps, h => h.Contains("A credential committed to git", StringComparison.Ordinal));
    }
}
