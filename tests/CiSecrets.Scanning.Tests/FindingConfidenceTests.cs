using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Rules;
using CiSecrets.Scanning.Sources;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// Confidence: a provider's format is high wherever it is committed; a generic match is high for a
/// long random value, medium for a weak literal, low in documentation, examples and tests; and
/// <c>MinConfidence</c> leaves out what is less sure.
/// </summary>
public sealed class FindingConfidenceTests
{
    private static readonly string GitHubToken = Sample.Token("ghp_", 36, Sample.AlphaNumeric, 21);

    private static TempGitRepository History()
    {
        var repo = new TempGitRepository();
        repo.Write("tests/fixtures/client_test.py", Sample.Join("tok", "en = \"", GitHubToken, "\"\n"))
            .Write("src/settings.py", Sample.Join("DB_PASS", "WORD = \"Winter2024!\"\n"))
            .Write("deploy/app.env", Sample.Join("PAYMENTS_API_K", "EY=", Sample.Token("", 40, Sample.AlphaNumeric, 22), "\n"))
            .Write("examples/session.js", Sample.Join("app.use(session({ sec", "ret: 'Winter2024!' }));\n"))
            .Write("docs/setup.md", Sample.Join("Set `pass", "word: \"Summer2024\"` in the config.\n"))
            .Commit("settings");
        return repo;
    }

    private static ScanResult Scan(string path, Confidence minimum = Confidence.Low) =>
        new SecretScanner(new ScanSettings { Parallelism = 2, MinConfidence = minimum })
            .Scan(new ScanRequest(path, ScanTarget.History), new ScanCounters(), CancellationToken.None);

    [Fact]
    public void Each_finding_is_rated_by_its_rule_its_value_and_its_path()
    {
        using var repo = History();

        var confidence = Scan(repo.Path).Findings.ToDictionary(f => f.Path, f => f.Confidence);

        Assert.Equal(Confidence.High, confidence["tests/fixtures/client_test.py"]);
        Assert.Equal(Confidence.Medium, confidence["src/settings.py"]);
        Assert.Equal(Confidence.High, confidence["deploy/app.env"]);
        Assert.Equal(Confidence.Low, confidence["examples/session.js"]);
        Assert.Equal(Confidence.Low, confidence["docs/setup.md"]);
        Assert.Equal(5, confidence.Count);
    }

    [Theory]
    [InlineData(Confidence.Medium, new[] { "deploy/app.env", "src/settings.py", "tests/fixtures/client_test.py" })]
    [InlineData(Confidence.High, new[] { "deploy/app.env", "tests/fixtures/client_test.py" })]
    public void A_minimum_confidence_leaves_out_the_less_sure_findings_and_their_leaks(Confidence minimum, string[] expected)
    {
        using var repo = History();

        var result = Scan(repo.Path, minimum);

        Assert.Equal(expected, result.Findings.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(result.Findings.Count, result.Leaks.Count);
    }
}
