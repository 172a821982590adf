using CiSecrets.Inventory;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// Each decrypted value meets its minimum length and its generator's alphabet, is not a
/// placeholder, default or common password, and no two secrets share a value.
/// </summary>
internal sealed class SecretStrengthCheck : IGateCheck
{
    public string Name => "secret-strength";

    public string Description => "Every secret meets its minimum length and alphabet, is not a placeholder or common password, and is unique";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var (values, reason) = context.Values;
        if (values is null)
        {
            return Task.FromResult(CheckResult.Skipped(reason!));
        }

        var present = values.Secrets.Where(s => s.IsPresent).ToList();
        var problems = present.Select(Problem).OfType<string>().ToList();
        problems.AddRange(present
            .GroupBy(s => s.Value, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{string.Join(", ", g.Select(s => s.Secret.Name))} share one value"));
        var missing = values.Secrets.Count - present.Count;
        var note = missing > 0 ? $" ({missing} not in the bundle: see the inventory check)" : "";
        return Task.FromResult(problems.Count == 0
            ? CheckResult.Pass($"{present.Count} secret(s) strong and unique{note}")
            : CheckResult.Fail(CheckResult.Join(problems) + note));
    }

    /// <summary>The first strength problem of a value, described without the value.</summary>
    internal static string? Problem(SecretValue secret)
    {
        var value = secret.Value!;
        var name = secret.Secret.Name;
        if (WeakValues.Problem(value) is { } weak)
        {
            return $"{name} {weak}";
        }

        if (value.Length < secret.Secret.MinLength)
        {
            return $"{name} has {value.Length} characters, needs at least {secret.Secret.MinLength}";
        }

        var alphabet = secret.Secret.Generator.Alphabet;
        var outside = value.Where(c => !alphabet.Contains(c)).Distinct().Count();
        return outside > 0
            ? $"{name} has {outside} character(s) outside its alphabet ({Alphabets.Describe(alphabet)})"
            : null;
    }
}
