using System.Globalization;
using CiSecrets.Inventory;
using CiSecrets.Sops;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// Each secret's last rotation (the rotation log, else its bundle's sops <c>lastmodified</c>)
/// against its interval: overdue fails, due within the last tenth of the interval warns. Needs no
/// decryption.
/// </summary>
internal sealed class RotationAgeCheck : IGateCheck
{
    public string Name => "rotation-age";

    public string Description => "No secret is overdue for rotation (warns within 10% of its due date)";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        if (context.Inventory.Secrets.Count == 0)
        {
            return Task.FromResult(CheckResult.Skipped("the inventory lists no secrets"));
        }

        var log = RotationLog.Load(context.RepositoryRoot);
        var bundleTimes = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var overdue = new List<string>();
        var dueSoon = new List<string>();
        foreach (var secret in context.Inventory.Secrets)
        {
            var rotated = log.LastRotated(secret.Name) ?? BundleTime(context, secret.Bundle, bundleTimes);
            if (rotated is null)
            {
                overdue.Add($"{secret.Name} has no rotation record and its bundle no sops lastmodified");
                continue;
            }

            var due = rotated.Value + secret.RotationInterval;
            if (context.Now >= due)
            {
                overdue.Add($"{secret.Name} was due {Date(due)} (last rotated {Date(rotated.Value)}, every {Days(secret.RotationInterval)})");
            }
            else if (due - context.Now <= secret.RotationInterval / 10)
            {
                dueSoon.Add($"{secret.Name} is due {Date(due)}");
            }
        }

        var count = context.Inventory.Secrets.Count;
        return Task.FromResult(
            overdue.Count > 0 ? CheckResult.Fail($"overdue: {CheckResult.Join([.. overdue, .. dueSoon])}")
            : dueSoon.Count > 0 ? CheckResult.Warn($"due soon: {CheckResult.Join(dueSoon)}")
            : CheckResult.Pass($"{count} secret(s) within their rotation interval"));
    }

    /// <summary>When a secret is next due, for status output; null without any record.</summary>
    internal static DateTimeOffset? LastRotation(ManagedSecret secret, RotationLog log, string root) =>
        log.LastRotated(secret.Name) ?? BundleLastModified(Path.Combine(root, secret.Bundle));

    private static DateTimeOffset? BundleTime(GateContext context, string bundle, Dictionary<string, DateTimeOffset?> cache)
    {
        if (!cache.TryGetValue(bundle, out var time))
        {
            time = BundleLastModified(Path.Combine(context.RepositoryRoot, bundle));
            cache[bundle] = time;
        }

        return time;
    }

    private static DateTimeOffset? BundleLastModified(string path)
    {
        try
        {
            return SopsFiles.Status(path).LastModified;
        }
        catch (InputException)
        {
            return null;
        }
    }

    internal static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan interval) =>
        interval.TotalDays >= 1 && interval.TotalDays == Math.Floor(interval.TotalDays)
            ? $"{interval.TotalDays:0}d"
            : $"{interval.TotalHours:0}h";
}
