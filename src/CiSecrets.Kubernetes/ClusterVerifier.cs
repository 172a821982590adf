using k8s;
using k8s.Models;

namespace CiSecrets.Kubernetes;

/// <summary>
/// Checks that the cluster holds what the workloads need: every required Secret with every required
/// key, no value empty or a placeholder, and values younger than their rotation interval (age from
/// the rotation annotation, else the Secret's creation). Returns results that name Secrets, keys and
/// at most byte lengths; no value leaves this class. The <c>cluster</c> gate check calls it.
/// </summary>
public sealed class ClusterVerifier(ClusterConnection connection, TimeProvider clock)
{
    public async Task<IReadOnlyList<SecretCheck>> VerifyAsync(IReadOnlyList<RequiredSecret> required, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var checks = new List<SecretCheck>();
        foreach (var secret in required)
        {
            var ns = secret.Namespace ?? connection.Namespace;
            V1Secret found;
            try
            {
                found = await connection.Client.CoreV1.ReadNamespacedSecretAsync(secret.Name, ns, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (ApiFailure.IsNotFound(e))
            {
                checks.Add(new SecretCheck(ns, secret.Name, null, SecretCheckStatus.MissingSecret, $"Secret {ns}/{secret.Name} does not exist"));
                continue;
            }
            catch (Exception e) when (ApiFailure.IsApiFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                checks.Add(new SecretCheck(ns, secret.Name, null, SecretCheckStatus.Unreachable, $"Secret {ns}/{secret.Name} could not be read: {ApiFailure.Describe(e, connection.RequestTimeout)}"));
                continue;
            }

            checks.AddRange(Keys(secret, ns, found));
            checks.Add(Age(secret, ns, found, now));
        }

        return checks;
    }

    private static IEnumerable<SecretCheck> Keys(RequiredSecret secret, string ns, V1Secret found)
    {
        var data = found.Data ?? new Dictionary<string, byte[]>();
        foreach (var key in secret.Keys)
        {
            var where = $"{ns}/{secret.Name} key {key}";
            if (!data.TryGetValue(key, out var value))
            {
                yield return new SecretCheck(ns, secret.Name, key, SecretCheckStatus.MissingKey, $"{where} is missing");
            }
            else if (value is null || value.Length == 0)
            {
                yield return new SecretCheck(ns, secret.Name, key, SecretCheckStatus.EmptyValue, $"{where} is empty") { ByteLength = 0 };
            }
            else if (Placeholders.IsPlaceholder(value))
            {
                yield return new SecretCheck(ns, secret.Name, key, SecretCheckStatus.Placeholder, $"{where} holds a placeholder, not a secret") { ByteLength = value.Length };
            }
            else
            {
                yield return new SecretCheck(ns, secret.Name, key, SecretCheckStatus.Ok, $"{where} is set") { ByteLength = value.Length };
            }
        }
    }

    private static SecretCheck Age(RequiredSecret secret, string ns, V1Secret found, DateTimeOffset now)
    {
        var annotated = Workloads.Parse(found.Metadata?.Annotations?.TryGetValue(SecretApplier.RotatedAtAnnotation, out var at) == true ? at : null);
        var created = found.Metadata?.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        var since = annotated ?? created;
        var source = annotated is not null ? "rotated" : "created";
        if (since is not { } time)
        {
            return new SecretCheck(ns, secret.Name, null, SecretCheckStatus.Skipped, $"Secret {ns}/{secret.Name} has no rotation annotation or creation time");
        }

        var age = now - time;
        var days = $"{Math.Max(0, age.TotalDays):0} days ago";
        return age > secret.RotationInterval
            ? new SecretCheck(ns, secret.Name, null, SecretCheckStatus.Overdue, $"Secret {ns}/{secret.Name} {source} {days}, over its {secret.RotationInterval.TotalDays:0}-day rotation interval")
            : new SecretCheck(ns, secret.Name, null, SecretCheckStatus.Ok, $"Secret {ns}/{secret.Name} {source} {days} (interval {secret.RotationInterval.TotalDays:0} days)");
    }
}
