using System.Text.Json;
using static CiSecrets.Reporting.Tests.ReportFixtures;

namespace CiSecrets.Reporting.Tests;

/// <summary>A finding's confidence is in JSON as a name, and in SARIF as the result's rank and a level lowered for less sure findings.</summary>
public sealed class ConfidenceReportTests
{
    private static readonly Finding[] ByConfidence =
    [
        Leak,
        Leak with { RuleId = "generic-secret", Line = 20, Confidence = Confidence.Medium },
        Leak with { RuleId = "generic-secret", Line = 30, Confidence = Confidence.Low },
    ];

    [Fact]
    public async Task Json_names_each_findings_confidence_and_its_secret_id_when_the_scan_set_one()
    {
        var json = await RenderAsync(new JsonReportWriter(), Of([.. ByConfidence, Leak with { Line = 40, SecretId = "00112233aabbccdd" }]));

        using var document = JsonDocument.Parse(json);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["high", "medium", "low", "high"], findings.Select(f => f.GetProperty("confidence").GetString()));
        Assert.Equal("00112233aabbccdd", findings[3].GetProperty("secretId").GetString());
        Assert.False(findings[0].TryGetProperty("secretId", out _));
    }

    [Fact]
    public async Task Sarif_ranks_each_result_by_confidence_and_lowers_the_level_of_less_sure_ones()
    {
        var sarif = await RenderAsync(new SarifReportWriter(), Of(ByConfidence));

        using var document = JsonDocument.Parse(sarif);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["error", "warning", "note"], results.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal([90.0, 60.0, 30.0], results.Select(r => r.GetProperty("rank").GetDouble()));
        Assert.Equal(["high", "medium", "low"], results.Select(r => r.GetProperty("properties").GetProperty("confidence").GetString()));
    }
}
