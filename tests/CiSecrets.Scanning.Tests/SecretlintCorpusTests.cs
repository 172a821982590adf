using System.Text;
using System.Text.Json;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;
using CiSecrets.Testing;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// Measures the built-in catalog on secretlint's labelled fixtures (corpora/secretlint-fixtures of the external interop data, see InteropData):
/// recall on the cases that must be reported, false positives on the cases that must not, per rule
/// family. Cases are named by folder only: their text holds live-looking secrets.
/// </summary>
public sealed class SecretlintCorpusTests(ITestOutputHelper output)
{
    /// <summary>
    /// Recall over the counted ng cases (deliberate differences left out). Measured 46/46; the
    /// margin admits one miss in a family the issue does not name, whose cases are asserted one by one below.
    /// </summary>
    private const double MinimumRecall = 0.97;

    /// <summary>ok cases with any finding. Measured 0, and it should stay 0.</summary>
    private const int MaximumFalsePositives = 0;

    /// <summary>Families the issue names: every counted case of theirs must come out right.</summary>
    private static readonly string[] NamedFamilies =
    [
        "aws", "azure", "basicauth", "database-connection-string", "docker", "gcp", "github", "gitlab",
        "huggingface", "no-k8s-kind-secret", "npm", "openai", "anthropic", "privatekey", "sendgrid", "slack", "stripe",
    ];

    /// <summary>Cases where CiSecrets deliberately disagrees with secretlint's label, with the reason.</summary>
    private static readonly Dictionary<string, string> Differences = new(StringComparer.Ordinal)
    {
        ["aws/ng.AWS-Account-ID"] = "an AWS account id is an identifier, not a credential",
        ["azure/ng.ad_tenant_id"] = "a tenant id is a public identifier (a UUID), not a credential",
        ["azure/ng.azure_client_id"] = "a client id is a public identifier (a UUID), not a credential",
        ["basicauth/ng.basic-auth-ftp-url"] = "user:pass is the documentation placeholder",
        ["basicauth/ng.basic-auth-http-url"] = "user:pass is the documentation placeholder",
        ["basicauth/ng.basic-auth-in-markdown"] = "user:pass is the documentation placeholder",
        ["basicauth/ng.basic-auth-ftps-url"] = "admin:password is a placeholder (secretlint's own snapshot reports nothing either)",
        ["huggingface/ng.secret"] = "a body of x's is a placeholder",
        ["linear/ng.secret"] = "values containing EXAMPLE are documented examples",
        ["no-dotenv/ng.match"] = "CiSecrets judges content, not file names; FOO=foo holds no secret",
        ["secp256k1-privatekey/ng.privkey"] = "0x and 64 hex is also every transaction hash and keccak digest; too noisy without context",
        ["stripe/ng.secret"] = "bodies of one repeated letter (AAAA…) are placeholders",
        ["tailscale/ng.api-key"] = "bodies of repeated letters (AAAA…-BBBB…) are placeholders",
        ["tailscale/ng.auth-key"] = "bodies of repeated letters are placeholders",
        ["tailscale/ng.boundary-non-letter"] = "bodies of repeated letters are placeholders",
        ["tailscale/ng.client-key"] = "bodies of repeated letters are placeholders",
        ["tailscale/ng.scim-key"] = "bodies of repeated letters are placeholders",
        ["tailscale/ng.unknown-type"] = "bodies of repeated letters are placeholders",
        ["tailscale/ng.webhook-key"] = "bodies of repeated letters are placeholders",
    };

    /// <summary>
    /// Cases where secretlint places its finding at the start of the document (the JSON object)
    /// and CiSecrets at the secret itself: any finding in the file counts.
    /// </summary>
    private static readonly HashSet<string> WholeDocumentCases = new(StringComparer.Ordinal) { "gcp/ng.privatekey-json" };

    private static readonly string CorpusFolder = Path.Combine("corpora", "secretlint-fixtures");

    /// <summary>Without the corpus one placeholder row stands in, so the theory runs once and reports itself skipped.</summary>
    public static TheoryData<string> NamedFamilyCases => InteropData.Find(CorpusFolder) is null
        ? ["(corpus absent)"]
        : [.. LoadCases().Where(c => NamedFamilies.Contains(c.Family) && c.Label != Label.Informative && !Differences.ContainsKey(c.Name)).Select(c => c.Name)];

    [Fact]
    public void Catalog_recall_and_false_positives_on_the_secretlint_corpus_meet_the_thresholds()
    {
        // Arrange
        var cases = LoadCases();
        var detector = new Detector(BuiltInRules.All, ScanAllowlist.Default);

        // Act
        var results = cases.Select(c => Evaluate(detector, c)).ToList();
        var table = Render(results);
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "corpus-results.md"), table);

        // Assert
        var counted = results.Where(r => r.Outcome is Outcome.Detected or Outcome.Missed).ToList();
        var recall = Ratio(counted.Count(r => r.Outcome == Outcome.Detected), counted.Count);
        var falsePositives = results.Count(r => r.Outcome == Outcome.FalsePositive);
        Assert.True(recall >= MinimumRecall, $"recall {recall:P1} is below {MinimumRecall:P0}");
        Assert.True(falsePositives <= MaximumFalsePositives, $"{falsePositives} ok cases reported findings (at most {MaximumFalsePositives})");
        // A difference that no longer differs is stale: it must come out, not hide a case.
        Assert.All(Differences.Keys, name => Assert.Equal(
            Outcome.Missed,
            Evaluate(detector, cases.Single(c => c.Name == name), applyDifferences: false).Outcome));
    }

    [Theory]
    [MemberData(nameof(NamedFamilyCases))]
    public void Case_of_a_family_the_issue_names_comes_out_as_labelled(string name)
    {
        // Arrange
        var corpusCase = LoadCases().Single(c => c.Name == name);
        var detector = new Detector(BuiltInRules.All, ScanAllowlist.Default);

        // Act
        var result = Evaluate(detector, corpusCase);

        // Assert: the message names the case and the rules, never the text.
        Assert.True(
            result.Outcome is Outcome.Detected or Outcome.Clean or Outcome.NotApplicable,
            $"{name}: {result.Outcome}; rules found [{string.Join(", ", result.RuleIds)}] on lines [{string.Join(", ", result.Lines)}]");
    }

    private static Result Evaluate(Detector detector, Case corpusCase, bool applyDifferences = true)
    {
        if (corpusCase.Text is null)
        {
            return new Result(corpusCase, Outcome.NotApplicable, [], []);
        }

        var detections = detector.Detect(corpusCase.Path, corpusCase.Text);
        var ruleIds = detections.Select(d => d.Rule.Id).Distinct().ToList();
        var lines = detections.Select(d => d.Line).Distinct().ToList();
        if (applyDifferences && Differences.ContainsKey(corpusCase.Name))
        {
            return new Result(corpusCase, Outcome.Differs, ruleIds, lines);
        }

        var outcome = corpusCase.Label switch
        {
            Label.Informative => Outcome.Informative,
            Label.Ng when corpusCase.ExpectedLines.Count == 0 || WholeDocumentCases.Contains(corpusCase.Name) => detections.Count > 0 ? Outcome.Detected : Outcome.Missed,
            Label.Ng => detections.Any(d => corpusCase.ExpectedLines.Contains(d.Line)) ? Outcome.Detected : Outcome.Missed,
            _ => detections.Count > 0 ? Outcome.FalsePositive : Outcome.Clean,
        };
        return new Result(corpusCase, outcome, ruleIds, lines);
    }

    private static string Render(List<Result> results)
    {
        var builder = new StringBuilder();
        builder.AppendLine("| family | ng detected / ng | ok with findings / ok | not applicable | differs | informative |");
        builder.AppendLine("|---|---|---|---|---|---|");
        foreach (var family in results.GroupBy(r => r.Case.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ng = family.Count(r => r.Outcome is Outcome.Detected or Outcome.Missed);
            var ok = family.Count(r => r.Outcome is Outcome.Clean or Outcome.FalsePositive);
            builder.AppendLine(
                $"| {family.Key} | {family.Count(r => r.Outcome == Outcome.Detected)}/{ng} | {family.Count(r => r.Outcome == Outcome.FalsePositive)}/{ok} " +
                $"| {family.Count(r => r.Outcome == Outcome.NotApplicable)} | {family.Count(r => r.Outcome == Outcome.Differs)} | {family.Count(r => r.Outcome == Outcome.Informative)} |");
        }

        var detected = results.Count(r => r.Outcome == Outcome.Detected);
        var counted = results.Count(r => r.Outcome is Outcome.Detected or Outcome.Missed);
        var differs = results.Count(r => r.Outcome == Outcome.Differs && r.Case.Label == Label.Ng);
        var expectedLines = results.Where(r => r.Outcome is Outcome.Detected or Outcome.Missed && !WholeDocumentCases.Contains(r.Case.Name)).ToList();
        builder.AppendLine();
        builder.AppendLine($"Overall: {detected}/{counted} ng cases detected ({Ratio(detected, counted):P1}); "
            + $"{results.Count(r => r.Outcome == Outcome.FalsePositive)} ok cases with findings.");
        builder.AppendLine($"Counting the {differs} deliberate differences as misses: {detected}/{counted + differs} ({Ratio(detected, counted + differs):P1}).");
        builder.AppendLine($"Expected finding lines hit in the counted ng cases: {expectedLines.Sum(r => r.Case.ExpectedLines.Count(r.Lines.Contains))}/{expectedLines.Sum(r => r.Case.ExpectedLines.Count)}.");
        builder.AppendLine();
        builder.AppendLine("| case | outcome | rules | lines found | lines expected |");
        builder.AppendLine("|---|---|---|---|---|");
        foreach (var result in results.Where(r => r.Outcome is Outcome.Missed or Outcome.FalsePositive or Outcome.Informative
            || (r.Outcome == Outcome.Detected && !r.Case.ExpectedLines.All(r.Lines.Contains))))
        {
            builder.AppendLine($"| {result.Case.Name} | {result.Outcome} | {string.Join(", ", result.RuleIds)} | {string.Join(", ", result.Lines)} | {string.Join(", ", result.Case.ExpectedLines)} |");
        }

        builder.AppendLine();
        builder.AppendLine("Deliberate differences:");
        foreach (var (name, reason) in Differences.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            builder.AppendLine($"- {name}: {reason}");
        }

        return builder.ToString();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : part / (double)whole;

    private static List<Case> LoadCases()
    {
        var root = CorpusRoot();
        var cases = new List<Case>();
        foreach (var familyDirectory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var caseDirectory in Directory.GetDirectories(familyDirectory).Order(StringComparer.Ordinal))
            {
                cases.Add(LoadCase(Path.GetFileName(familyDirectory), caseDirectory));
            }
        }

        return cases;
    }

    private static Case LoadCase(string family, string directory)
    {
        var caseName = Path.GetFileName(directory);
        using var snapshot = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "output.json")));
        var messages = snapshot.RootElement.GetProperty("messages");
        var expectedLines = messages.EnumerateArray().Select(m => m.GetProperty("loc").GetProperty("start").GetProperty("line").GetInt32()).Distinct().ToList();
        // Cases run with rule options (options.*, *allows*, *--option-value) only inform; unprefixed
        // cases are labelled by their snapshot.
        var label = caseName.StartsWith("options.", StringComparison.Ordinal) || caseName.Contains("allow", StringComparison.Ordinal) || caseName.Contains("--", StringComparison.Ordinal) ? Label.Informative
            : caseName.StartsWith("ng.", StringComparison.Ordinal) ? Label.Ng
            : caseName.StartsWith("ok.", StringComparison.Ordinal) ? Label.Ok
            : messages.GetArrayLength() > 0 ? Label.Ng : Label.Ok;

        // Dot-files (.npmrc, .env) were not copied into the corpus; output.json holds their text and name.
        var input = Directory.GetFiles(directory, "input*").SingleOrDefault();
        var fileName = input is null
            ? snapshot.RootElement.GetProperty("filePath").GetString()!.Split('/')[^1]
            : Path.GetFileName(input);
        var binary = fileName.EndsWith(".p12", StringComparison.Ordinal) || fileName.EndsWith(".png", StringComparison.Ordinal);
        var text = binary ? null
            : input is null ? snapshot.RootElement.GetProperty("sourceContent").GetString()
            : File.ReadAllText(input, Encoding.UTF8);
        return new Case(family, $"{family}/{caseName}", $"{family}/{caseName}/{fileName}", label, text, expectedLines);
    }

    private static string CorpusRoot() => InteropData.Folder(CorpusFolder);

    private enum Label
    {
        Ng,
        Ok,
        Informative,
    }

    private enum Outcome
    {
        Detected,
        Missed,
        Clean,
        FalsePositive,
        NotApplicable,
        Differs,
        Informative,
    }

    private sealed record Case(string Family, string Name, string Path, Label Label, string? Text, List<int> ExpectedLines)
    {
        // The text holds live-looking secrets: never print it.
        public override string ToString() => Name;
    }

    private sealed record Result(Case Case, Outcome Outcome, List<string> RuleIds, List<int> Lines);
}
