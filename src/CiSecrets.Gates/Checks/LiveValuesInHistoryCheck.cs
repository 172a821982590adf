namespace CiSecrets.Gates.Checks;

/// <summary>
/// No current secret value appears in plaintext anywhere in git history (<see cref="LiveValueSearch"/>):
/// reports the secret, the commit and the path, never the value. A short value is matched only as a
/// whole token, and its hits say so.
/// </summary>
internal sealed class LiveValuesInHistoryCheck : IGateCheck
{
    public string Name => "live-values-in-history";

    public string Description => "No current secret value appears in plaintext (or base64) anywhere in git history";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (values, reason) = context.Values;
        if (values is null)
        {
            return Task.FromResult(CheckResult.Skipped(reason!));
        }

        var searched = values.Secrets.Where(s => s is { IsPresent: true, Value.Length: > 0 }).ToList();
        var hits = LiveValueSearch.Search(context.RepositoryRoot, searched, cancellationToken);
        return Task.FromResult(CheckResult.FailIfAny([.. hits.Select(Describe)], $"{searched.Count} value(s) searched in every blob of the history: none found"));
    }

    internal static string Describe(LiveValueHit hit) =>
        $"{hit.Secret}{(hit.WholeTokenOnly ? $" (under {LiveValueSearch.ShortValueLength} characters, matched as a whole token)" : "")} is in commit {hit.Commit[..7]} {hit.Path}";
}
