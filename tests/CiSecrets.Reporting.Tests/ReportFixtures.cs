namespace CiSecrets.Reporting.Tests;

/// <summary>Findings of each family, as the commands build them: a leak in a file, a SOPS file finding, cluster and apply findings with no file.</summary>
internal static class ReportFixtures
{
    public static Finding Leak { get; } = new()
    {
        RuleId = "github-pat",
        Description = "GitHub personal access token",
        Path = "deploy/ci.sh",
        Line = 12,
        Column = 8,
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Author = "dev",
        Preview = "ghp_12…" + Redaction.Mask,
    };

    public static Finding Sops { get; } = new()
    {
        RuleId = "sops/value-not-encrypted",
        Description = "A value that should be encrypted is in clear text",
        Path = "secrets/app.sops.yaml",
        Line = 4,
        Column = 1,
        Message = "secrets/app.sops.yaml: the value at 'db.password' is not encrypted",
    };

    public static Finding Cluster { get; } = new()
    {
        RuleId = "cluster/missing-key",
        Description = "A required key is missing from its Secret",
        Path = "apps/secret/db/PASSWORD",
        Message = "apps/db key PASSWORD is missing",
        Preview = "",
    };

    public static Finding Apply { get; } = new()
    {
        RuleId = "k8s/secret-write",
        Description = "A Secret could not be written",
        Path = "apps/secret/cache",
        Message = "secret apps/cache: failed: HTTP 500 InternalError",
        Preview = "",
    };

    public static Finding Gate { get; } = new()
    {
        RuleId = "gate/rotation-age",
        Description = "A gate check failed",
        Path = "rotation-age",
        Message = "postgres_password was rotated 120 days ago",
        Preview = "",
    };

    public static Report Of(params Finding[] findings) => new() { Title = "cisecrets test", Findings = findings };

    public static async Task<string> RenderAsync(IReportWriter writer, Report report)
    {
        using var text = new StringWriter();
        await writer.WriteAsync(report, text, CancellationToken.None);
        return text.ToString();
    }
}
