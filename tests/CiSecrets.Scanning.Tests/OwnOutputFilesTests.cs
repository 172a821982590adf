using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Sources;
using CiSecrets.Scanning.Suppression;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// Files cisecrets writes into a repository (the rotation log, baselines, SARIF reports) hold names
/// and times, keyed hashes and redacted previews, never a value: scanning them must not report them,
/// or every rotation pull request fails its own leaks check.
/// </summary>
public sealed class OwnOutputFilesTests
{
    private static ScanResult Scan(string path) =>
        new SecretScanner(new ScanSettings { Parallelism = 2 }).Scan(new ScanRequest(path, ScanTarget.History), new ScanCounters(), CancellationToken.None);

    [Fact]
    public async Task A_history_with_a_rotation_log_a_baseline_and_a_sarif_report_reports_only_the_real_leak()
    {
        // Arrange: a weak password a team accepts in a baseline, then the files cisecrets writes.
        using var repo = new TempGitRepository();
        repo.Write(".env", Sample.Join("DB_PASS", "WORD=Winter2024!\n")).Commit("settings");
        var baseline = Baseline.Create(Scan(repo.Path).Leaks, BaselineKey.Generate("test"));
        await baseline.SaveAsync(Path.Combine(repo.Path, ".cisecrets-baseline.json"), CancellationToken.None);
        repo.Write(".cisecrets-rotations.yaml", "# When each secret was last rotated (UTC). Written by cisecrets rotate; holds no values.\n"
            + Sample.Join("api-tok", "en: 2026-09-01T00:00:00Z\n")
            + Sample.Join("DB_PASS", "WORD: 2026-10-01T00:00:00Z\n")
            + Sample.Join("signing-sec", "ret: 2026-11-01T00:00:00Z\n"));
        repo.Write("reports/scan.sarif", Sample.Join(
            "{\"runs\": [{\"results\": [{\"ruleId\": \"generic-secret-config\", \"properties\": {\"commit\": \"", new string('a', 40),
            "\", \"preview\": \"Wint*****\"}, \"locations\": [{\"logicalLocations\": [{\"fullyQualifiedName\": \"apps/db/DB_PASS", "WORD\"}]}]}],\n",
            "\"invocations\": [{\"properties\": {\"db_pass", "word\": \"scan-2026-09-01\", \"api_tok", "en\": \"redacted-by-cisecrets\"}}]}]}\n"));
        repo.Commit("rotate, baseline and report");

        // Act
        var findings = Scan(repo.Path).Findings;

        // Assert: the one leak in .env, nothing from the files cisecrets wrote.
        var finding = Assert.Single(findings);
        Assert.Equal(".env", finding.Path);
        Assert.Equal("generic-secret-config", finding.RuleId);
    }

    [Fact]
    public void A_provider_token_pasted_into_a_file_named_like_a_report_is_still_reported()
    {
        // Arrange: the file name must not be a hiding place for a real credential.
        using var repo = new TempGitRepository();
        repo.Write("reports/scan.sarif", Sample.Join("{\"note\": \"", Sample.Token("ghp_", 36, Sample.AlphaNumeric, 7), "\"}\n"));
        repo.Write(".cisecrets-rotations.yaml", Sample.Join("db-pass", "word: 2026-10-01T00:00:00Z\n# ", Sample.Token("ghp_", 36, Sample.AlphaNumeric, 8), "\n"));
        repo.Commit("paste");

        // Act
        var findings = Scan(repo.Path).Findings;

        // Assert
        Assert.Equal([".cisecrets-rotations.yaml", "reports/scan.sarif"], findings.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal("github-pat", f.RuleId));
    }
}
