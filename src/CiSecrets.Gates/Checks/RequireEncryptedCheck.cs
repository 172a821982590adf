using CiSecrets.Sops;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// Secrets come only from encrypted files: no tracked plaintext Secret manifest, <c>.env</c> or key
/// file, and every inventory bundle SOPS-encrypted.
/// </summary>
internal sealed class RequireEncryptedCheck : IGateCheck
{
    private static readonly string[] Rules = [SopsRules.NotEncrypted.Id, SopsRules.PlaintextSecretManifest.Id];

    public string Name => "require-encrypted";

    public string Description => "No plaintext secret manifest, .env or key file is tracked; every bundle is SOPS-encrypted";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var findings = new SopsValidator(new SopsValidatorOptions { RequireEncrypted = true })
            .Validate(context.RepositoryRoot, context.TrackedFiles)
            .Where(f => Rules.Contains(f.RuleId))
            .ToList();
        var problems = findings.Select(f => f.Path).ToList();
        foreach (var bundle in context.Inventory.Bundles.Where(b => !problems.Contains(b)))
        {
            var full = Path.Combine(context.RepositoryRoot, bundle);
            if (File.Exists(full) && !SopsFiles.Status(full).IsEncrypted)
            {
                problems.Add(bundle);
            }
        }

        return Task.FromResult(problems.Count == 0
            ? CheckResult.Pass("no plaintext secrets files are tracked")
            : CheckResult.Fail($"plaintext secrets: {CheckResult.Join([.. problems.Select(p => $"{p} is not encrypted")])}"));
    }
}
