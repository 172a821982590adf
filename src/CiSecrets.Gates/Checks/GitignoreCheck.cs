namespace CiSecrets.Gates.Checks;

/// <summary>
/// The repository ignores the files plaintext secrets live in locally: <c>.env</c>, <c>*.secret</c>,
/// <c>*.key</c>. The answer is <see cref="GitignoreCoverage"/>'s, the same as the sops validator's.
/// </summary>
internal sealed class GitignoreCheck : IGateCheck
{
    public string Name => "gitignore";

    public string Description => ".env, *.secret and *.key files are ignored by git";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var coverage = GitignoreCoverage.Of(context.RepositoryRoot);
        return Task.FromResult(coverage.IgnoresAll
            ? CheckResult.Pass(".env, *.secret and *.key are ignored")
            : CheckResult.Fail($"not ignored by .gitignore: {string.Join(", ", coverage.Missing)}"));
    }
}
