using CiSecrets.Reporting.GitHubActions;
using static CiSecrets.Reporting.Tests.ReportFixtures;

namespace CiSecrets.Reporting.Tests;

/// <summary>A finding with no file (line 0) is shown by its object's name, never as <c>path:0:0</c>.</summary>
public sealed class LocationlessFindingTests
{
    [Fact(Timeout = 120_000)]
    public async Task Text_shows_a_file_finding_at_its_line_and_a_cluster_finding_by_name_only()
    {
        // Act
        var text = await RenderAsync(new TextReportWriter(), Of(Leak, Cluster, Apply));

        // Assert
        var lines = text.Split('\n');
        Assert.StartsWith("deploy/ci.sh:12:8  github-pat  GitHub personal access token  ghp_12", lines[0], StringComparison.Ordinal);
        Assert.Equal("apps/secret/db/PASSWORD  cluster/missing-key  apps/db key PASSWORD is missing", lines[1]);
        Assert.Equal("apps/secret/cache  k8s/secret-write  secret apps/cache: failed: HTTP 500 InternalError", lines[2]);
        Assert.DoesNotContain(":0:0", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Markdown_leaves_the_line_cell_empty_for_a_finding_that_is_not_in_a_file()
    {
        // Act
        var markdown = await RenderAsync(new MarkdownReportWriter(), Of(Leak, Cluster));

        // Assert
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("| `github-pat` | `deploy/ci.sh` | 12 | `0123456789ab` |", rows[0], StringComparison.Ordinal);
        Assert.Equal("| `cluster/missing-key` | `apps/secret/db/PASSWORD` |  |  |  |  |", rows[1]);
        Assert.DoesNotContain("| 0 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_annotation_for_a_finding_that_is_not_in_a_file_has_no_file_or_line()
    {
        // Act
        var file = WorkflowCommands.Annotation(Leak);
        var cluster = WorkflowCommands.Annotation(Cluster);

        // Assert
        Assert.StartsWith("::error file=deploy/ci.sh,line=12,col=8,title=github-pat%3A ", file, StringComparison.Ordinal);
        Assert.Equal("::error title=cluster/missing-key%3A A required key is missing from its Secret::apps/db key PASSWORD is missing (apps/secret/db/PASSWORD)", cluster);
    }

    [Fact(Timeout = 120_000)]
    public async Task Json_keeps_its_field_names_and_values_for_both_kinds_of_finding()
    {
        // Act
        var json = await RenderAsync(new JsonReportWriter(), Of(Leak, Cluster));

        // Assert: the JSON contract is unchanged (field names, order, line 0 kept as data).
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        string[] fields = ["ruleId", "description", "path", "line", "column", "commit", "author", "email", "date", "fingerprint", "preview", "entropy", "confidence"];
        Assert.All(findings, f => Assert.Equal(fields, f.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(("apps/secret/db/PASSWORD", 0), (findings[1].GetProperty("path").GetString(), findings[1].GetProperty("line").GetInt32()));
        Assert.Equal(12, findings[0].GetProperty("line").GetInt32());
    }
}
