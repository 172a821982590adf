using LibGit2Sharp;

namespace CiSecrets.Gates.Checks;

/// <summary>The repository ignores the files plaintext secrets live in locally: <c>.env</c>, <c>*.secret</c>, <c>*.key</c>.</summary>
internal sealed class GitignoreCheck : IGateCheck
{
    private static readonly (string Pattern, string Probe)[] Required =
    [
        (".env", ".env"), ("*.secret", "probe.secret"), ("*.key", "probe.key"),
    ];

    public string Name => "gitignore";

    public string Description => ".env, *.secret and *.key files are ignored by git";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        using var repository = new Repository(context.RepositoryRoot);
        var missing = Required.Where(r => !repository.Ignore.IsPathIgnored(r.Probe)).Select(r => r.Pattern).ToList();
        return Task.FromResult(missing.Count == 0
            ? CheckResult.Pass(".env, *.secret and *.key are ignored")
            : CheckResult.Fail($"not ignored by .gitignore: {string.Join(", ", missing)}"));
    }
}
