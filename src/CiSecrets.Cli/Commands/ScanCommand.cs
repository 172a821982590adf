using System.CommandLine;
using CiSecrets.Scanning;
using CiSecrets.Scanning.Sources;

namespace CiSecrets.Cli.Commands;

/// <summary><c>cisecrets scan [PATH]</c>: leaked credentials in git history, a commit range, staged changes or a folder.</summary>
internal static class ScanCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "Repository or folder to scan.", DefaultValueFactory = _ => "." };
        var range = new Option<string?>("--range") { Description = "Scan only the commits in HEAD not in BASE, given as BASE..HEAD (a pull request); 'auto' reads the range from the GitHub Actions event (pull_request, push)." };
        var staged = new Option<bool>("--staged") { Description = "Scan the staged changes against HEAD (a pre-commit hook)." };
        var noGit = new Option<bool>("--no-git") { Description = "Scan files as they are on disk, without git (a plain folder or a build artifact)." };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var sarif = new Option<string?>("--sarif-file") { Description = "Also write a SARIF report to this file (for code scanning)." };
        var config = CommonOptions.Config();
        var gitleaksConfig = new Option<string?>("--gitleaks-config") { Description = "Import the rules and allowlists of a gitleaks TOML configuration." };
        var baseline = new Option<string?>("--baseline") { Description = "Ignore the findings recorded in this baseline file (see 'cisecrets baseline create')." };
        var maxFileSize = new Option<int?>("--max-file-size") { Description = "Skip (and report) files larger than this many megabytes (default 10)." };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Worker threads (default: one per core)." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show progress, even on a terminal." };
        var minConfidence = new Option<string?>("--min-confidence") { Description = "Report only findings at least this sure: low (default, everything), medium (not generic matches in docs, examples and tests) or high (provider formats and long random values)." };

        var command = new Command("scan", "Scan git history (all refs), a commit range, staged changes or a folder for leaked credentials.")
        {
            path, range, staged, noGit, format, output, sarif, config, gitleaksConfig, baseline, maxFileSize, jobs, noProgress, minConfidence,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new ScanOptions(
                parsed.GetValue(path)!, parsed.GetValue(range), parsed.GetValue(staged), parsed.GetValue(noGit),
                parsed.GetValue(format)!, parsed.GetValue(output), parsed.GetValue(sarif), parsed.GetValue(config),
                parsed.GetValue(gitleaksConfig), parsed.GetValue(baseline), parsed.GetValue(maxFileSize), parsed.GetValue(jobs),
                parsed.GetValue(noProgress), parsed.GetValue(minConfidence));
            return await RunAsync(options, environment, console, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(ScanOptions options, IEnvironment environment, CliConsole console, CancellationToken cancellationToken)
    {
        var (result, settingsRules) = await ScanAsync(options, environment, console, cancellationToken);
        var report = new Report
        {
            Title = "cisecrets scan",
            Rules = settingsRules,
            Findings = result.Findings,
            Stats = result.Stats,
            Warnings = result.Warnings,
            Notices = result.Notices,
            Root = result.Root,
        };
        await new ReportOutput(environment, console).WriteAsync(report, options.Format, options.Output, options.SarifFile, cancellationToken);
        if (result.Findings.Count > 0)
        {
            return (int)ExitCode.PolicyFailure;
        }

        // Fail closed: text a rule could not evaluate may hold the leak the scan exists to find.
        if (result.Incomplete is { } why)
        {
            await console.Error.WriteLineAsync($"cisecrets: {result.Root}: the scan is incomplete: {why}");
            return (int)ExitCode.UsageError;
        }

        return (int)ExitCode.Clean;
    }

    /// <summary>Runs the scan the options describe; shared with <c>baseline create</c>.</summary>
    public static async Task<(ScanResult Result, IReadOnlyList<RuleDescriptor> Rules)> ScanAsync(ScanOptions options, IEnvironment environment, CliConsole console, CancellationToken cancellationToken)
    {
        var target = options.Target();
        var root = ScanSetup.RootOf(options.Path, target, environment.CurrentDirectory);
        var (settings, notices) = await ScanSetup.LoadAsync(
            root, environment, options.Config, options.GitleaksConfig, options.Baseline, options.MaxFileSizeMegabytes, options.Jobs, cancellationToken);
        if (options.MinConfidence is { } minimum)
        {
            settings = settings with { MinConfidence = ConfidenceNames.Parse(minimum, "--min-confidence") };
        }

        var counters = new ScanCounters();
        var fullPath = Path.GetFullPath(options.Path, environment.CurrentDirectory);
        var request = new ScanRequest(fullPath, target, options.Range);
        if (options.DetectsRange)
        {
            var scope = GitHubEventRange.Detect(environment, root);
            request = scope.ToScanRequest(fullPath);
            notices.Add($"Range from the workflow event: {scope.Description}.");
        }

        var showProgress = console.IsInteractive && !options.NoProgress && !environment.IsContinuousIntegration();
        var result = await ScanProgress.RunAsync(
            () => new SecretScanner(settings).Scan(request, counters, cancellationToken), counters, console, showProgress, cancellationToken);
        return (result with { Notices = [.. notices, .. result.Notices] }, [.. settings.Rules.Select(rule => rule.Descriptor)]);
    }
}

/// <summary>The options of <c>cisecrets scan</c>.</summary>
internal sealed record ScanOptions(
    string Path,
    string? Range = null,
    bool Staged = false,
    bool NoGit = false,
    string Format = "text",
    string? Output = null,
    string? SarifFile = null,
    string? Config = null,
    string? GitleaksConfig = null,
    string? Baseline = null,
    int? MaxFileSizeMegabytes = null,
    int? Jobs = null,
    bool NoProgress = false,
    string? MinConfidence = null)
{
    /// <summary>The value of <c>--range</c> that reads the range from the GitHub Actions event.</summary>
    public const string AutoRange = "auto";

    /// <summary>True for <c>--range auto</c>.</summary>
    public bool DetectsRange => Range == AutoRange;

    public ScanTarget Target()
    {
        var chosen = (Range is not null ? 1 : 0) + (Staged ? 1 : 0) + (NoGit ? 1 : 0);
        if (chosen > 1)
        {
            throw new InputException("scan", "--range, --staged and --no-git exclude each other");
        }

        return Range is not null ? ScanTarget.Range : Staged ? ScanTarget.Staged : NoGit ? ScanTarget.Directory : ScanTarget.History;
    }
}
