using CiSecrets.Sops;

namespace CiSecrets.Gates.Checks;

/// <summary><c>sops validate</c> over the tracked files: metadata complete, every value encrypted, MAC intact, recipients current.</summary>
internal sealed class SopsCheck : IGateCheck
{
    public string Name => "sops";

    public string Description => "Every SOPS file is complete, fully encrypted, its MAC verifies and its recipients match .sops.yaml";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var validator = new SopsValidator(new SopsValidatorOptions { Identities = context.Identities, RequireEncrypted = false });
        var findings = validator.Validate(context.RepositoryRoot, context.TrackedFiles);
        var errors = findings.Where(f => f.Severity == Severity.Error).Select(Describe).ToList();
        var warnings = findings.Where(f => f.Severity != Severity.Error).Select(Describe).ToList();
        return Task.FromResult(
            errors.Count > 0 ? CheckResult.Fail(CheckResult.Join([.. errors, .. warnings]))
            : warnings.Count > 0 ? CheckResult.Warn(CheckResult.Join(warnings))
            : CheckResult.Pass("every SOPS file validates"));
    }

    internal static string Describe(Finding finding) => $"{finding.RuleId}: {finding.Message ?? finding.Description}";
}
