using CiSecrets.Gates.Checks;
using CiSecrets.Inventory;

namespace CiSecrets.Gates;

/// <summary>
/// What <c>cisecrets status</c> shows for one secret: never its value. <see cref="Present"/> and
/// <see cref="StrengthOk"/> are null when the bundle could not be decrypted.
/// </summary>
public sealed record SecretStatus(
    string Name,
    SecretKind Kind,
    bool? Present,
    bool? StrengthOk,
    string? StrengthProblem,
    IReadOnlyList<string> Consumers,
    DateTimeOffset? LastRotated,
    DateTimeOffset? Due)
{
    /// <summary>
    /// Whether something is known to be wrong: missing from the bundle, failing its length, alphabet or
    /// placeholder rules, or overdue (or with no rotation record at all, which the rotation-age check
    /// also counts as overdue). Unknown values (no identity) are not wrong by themselves.
    /// </summary>
    public bool IsWrong(DateTimeOffset now) => Present == false || StrengthOk == false || Due is null || Due <= now;

    /// <summary>One row per inventory secret, with the reason values are unknown when they are.</summary>
    public static (IReadOnlyList<SecretStatus> Rows, string? Unknown) For(GateContext context)
    {
        var (values, reason) = context.Values;
        var log = RotationLog.Load(context.RepositoryRoot);
        var rows = context.Inventory.Secrets.Select(secret =>
        {
            var value = values?.For(secret.Name);
            var problem = value is { IsPresent: true } ? SecretStrengthCheck.Problem(value) : null;
            var rotated = RotationAgeCheck.LastRotation(secret, log, context.RepositoryRoot);
            return new SecretStatus(
                secret.Name,
                secret.Kind,
                value?.IsPresent,
                value is { IsPresent: true } ? problem is null : null,
                problem,
                secret.Consumers,
                rotated,
                rotated + secret.RotationInterval);
        }).ToList();
        return (rows, values is null ? reason : null);
    }
}
