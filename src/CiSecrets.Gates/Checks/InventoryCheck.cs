namespace CiSecrets.Gates.Checks;

/// <summary>Both directions: every inventory secret is in its bundle, and every bundle value belongs to an inventory secret.</summary>
internal sealed class InventoryCheck : IGateCheck
{
    public string Name => "inventory";

    public string Description => "Every inventory secret exists in the bundle and every bundle value is in the inventory";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (values, reason) = context.Values;
        if (values is null)
        {
            return Task.FromResult(CheckResult.Skipped(reason!));
        }

        var problems = values.Secrets.Where(s => !s.IsPresent).Select(s => $"{s.Secret.Name} is missing: {s.Problem}")
            .Concat(values.Unclaimed.Select(u => $"{u.Location} is not in the inventory"))
            .ToList();
        return Task.FromResult(CheckResult.FailIfAny(problems, $"{values.Secrets.Count} secret(s) present, no unlisted bundle values"));
    }
}
