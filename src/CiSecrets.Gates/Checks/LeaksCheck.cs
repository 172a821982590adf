using CiSecrets.Scanning;
using CiSecrets.Scanning.Sources;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// The leak scanner over what this run should judge: an explicit range, else the pull request's
/// (or push's) range from the GitHub Actions event, else the whole history.
/// </summary>
internal sealed class LeaksCheck : IGateCheck
{
    public string Name => "leaks";

    public string Description => "No leaked credential in the pull request's commits (or the whole history outside a workflow)";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (request, scope) = Request(context);
        var result = new SecretScanner(context.ScanSettings).Scan(request, new ScanCounters(), cancellationToken);
        var problems = result.Findings
            .Select(f => $"{f.RuleId} in {f.Path}:{f.Line}{(f.Commit.Length > 0 ? $" (commit {f.Commit[..Math.Min(7, f.Commit.Length)]})" : "")}")
            .ToList();
        if (problems.Count > 0)
        {
            return Task.FromResult(CheckResult.Fail($"{problems.Count} leak(s) in {scope}: {CheckResult.Join(problems, 5)}"));
        }

        // A scan that could not evaluate everything never passes: the unchecked text may hold a leak.
        return Task.FromResult(result.Incomplete is { } why
            ? CheckResult.Fail($"the scan of {scope} is incomplete: {why}")
            : CheckResult.Pass($"no leaks in {scope}"));
    }

    private static (ScanRequest Request, string Scope) Request(GateContext context)
    {
        if (context.LeaksRange is { } range)
        {
            return (new ScanRequest(context.RepositoryRoot, ScanTarget.Range, range), range);
        }

        if (context.Environment.IsGitHubActions())
        {
            var scope = GitHubEventRange.Detect(context.Environment, context.RepositoryRoot);
            return (scope.ToScanRequest(context.RepositoryRoot), scope.Commits?.ToString() ?? "the whole history");
        }

        return (new ScanRequest(context.RepositoryRoot, ScanTarget.History), "the whole history");
    }
}
