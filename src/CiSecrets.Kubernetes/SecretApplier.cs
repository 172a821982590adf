using k8s;
using k8s.Models;

namespace CiSecrets.Kubernetes;

/// <summary>
/// Writes Secrets to the cluster and restarts what reads them. Only Secrets whose data differ from
/// the cluster's are written; every write stamps <see cref="AppliedAtAnnotation"/>, and a consumer is
/// restarted when it last (re)started before a Secret it reads was written. That makes a re-run after
/// a failure part-way finish the job: a Secret written by the failed run is unchanged now, but its
/// consumers that were not restarted still are.
/// </summary>
public sealed class SecretApplier(ClusterConnection connection, TimeProvider clock)
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "cisecrets";

    /// <summary>When the values were rotated (the rotation record), else when they were first applied changed.</summary>
    public const string RotatedAtAnnotation = "cisecrets.io/rotated-at";

    /// <summary>When cisecrets last wrote the data.</summary>
    public const string AppliedAtAnnotation = "cisecrets.io/applied-at";

    private const int ConflictRetries = 3;

    private readonly IKubernetes _client = connection.Client;

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<SecretManifest> manifests, ApplyOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var secrets = new List<SecretOutcome>();
        var appliedAt = new Dictionary<(string Namespace, string Name), DateTimeOffset>();
        foreach (var manifest in manifests)
        {
            var ns = manifest.Namespace ?? connection.Namespace;
            var (outcome, applied) = await ApplyOneAsync(manifest, ns, options.DryRun, now, cancellationToken);
            secrets.Add(outcome);
            if (applied is { } time)
            {
                appliedAt[(ns, manifest.Name)] = time;
            }
        }

        var problems = new List<string>();
        var changed = secrets.Where(s => s.Action is SecretAction.Created or SecretAction.Updated or SecretAction.WouldCreate or SecretAction.WouldUpdate)
            .Select(s => (s.Namespace, s.Name)).ToHashSet();
        var restarts = new List<(Workload Workload, IReadOnlyList<string> Secrets)>();
        foreach (var ns in appliedAt.Keys.Select(k => k.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            IReadOnlyList<Workload> workloads;
            try
            {
                workloads = await new Workloads(_client).ListAsync(ns, cancellationToken);
            }
            catch (Exception e) when (ApiFailure.IsApiFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"namespace {ns}: cannot list workloads: {ApiFailure.Describe(e, connection.RequestTimeout)}");
                continue;
            }

            foreach (var workload in workloads)
            {
                var reasons = workload.Secrets
                    .Where(name => appliedAt.TryGetValue((ns, name), out var time)
                        && (changed.Contains((ns, name)) || (workload.RestartedAt ?? workload.CreatedAt ?? DateTimeOffset.MinValue) < time))
                    .ToList();
                if (reasons.Count > 0)
                {
                    restarts.Add((workload, reasons));
                }
            }
        }

        var outcomes = options.DryRun
            ? [.. restarts.Select(r => new WorkloadOutcome(r.Workload, WorkloadAction.WouldRestart, "would restart", r.Secrets))]
            : await RestartAsync(restarts, now, options, cancellationToken);
        return new ApplyResult(secrets, outcomes, problems);
    }

    /// <summary>Creates or replaces one Secret when its data differ; returns its outcome and when its data were last written.</summary>
    private async Task<(SecretOutcome Outcome, DateTimeOffset? AppliedAt)> ApplyOneAsync(SecretManifest manifest, string ns, bool dryRun, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var existing = await ReadAsync(manifest.Name, ns, cancellationToken);
                var changedKeys = ChangedKeys(existing?.Data, manifest.Data);
                if (existing is not null && changedKeys.Count == 0)
                {
                    var previous = Workloads.Parse(existing.Metadata.Annotations?.TryGetValue(AppliedAtAnnotation, out var at) == true ? at : null);
                    return (new SecretOutcome(ns, manifest.Name, SecretAction.Unchanged, []), previous);
                }

                if (dryRun)
                {
                    return (new SecretOutcome(ns, manifest.Name, existing is null ? SecretAction.WouldCreate : SecretAction.WouldUpdate, changedKeys), now);
                }

                var body = Desired(existing, manifest, ns, now);
                if (existing is null)
                {
                    await _client.CoreV1.CreateNamespacedSecretAsync(body, ns, fieldManager: ManagedByValue, cancellationToken: cancellationToken);
                }
                else
                {
                    await _client.CoreV1.ReplaceNamespacedSecretAsync(body, manifest.Name, ns, fieldManager: ManagedByValue, cancellationToken: cancellationToken);
                }

                return (new SecretOutcome(ns, manifest.Name, existing is null ? SecretAction.Created : SecretAction.Updated, changedKeys), now);
            }
            catch (Exception e) when (ApiFailure.IsConflict(e) && attempt < ConflictRetries)
            {
                // Someone wrote it between our read and write (or created it first): read again.
            }
            catch (Exception e) when (ApiFailure.IsApiFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                return (new SecretOutcome(ns, manifest.Name, SecretAction.Failed, [], ApiFailure.Describe(e, connection.RequestTimeout)), null);
            }
        }
    }

    private async Task<V1Secret?> ReadAsync(string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (ApiFailure.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Keys added, removed or with other bytes; the bundle is the whole truth for a managed Secret.</summary>
    internal static IReadOnlyList<string> ChangedKeys(IDictionary<string, byte[]>? current, IReadOnlyDictionary<string, byte[]> desired)
    {
        current ??= new Dictionary<string, byte[]>();
        return
        [
            .. desired.Keys.Union(current.Keys)
                .Where(key => !current.TryGetValue(key, out var have) || !desired.TryGetValue(key, out var want) || !have.AsSpan().SequenceEqual(want))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>The Secret to write: the cluster's object (keeping its other labels and annotations and its resourceVersion) with the bundle's data.</summary>
    private static V1Secret Desired(V1Secret? existing, SecretManifest manifest, string ns, DateTimeOffset now)
    {
        var metadata = existing?.Metadata ?? new V1ObjectMeta { Name = manifest.Name, NamespaceProperty = ns };
        metadata.Labels ??= new Dictionary<string, string>();
        metadata.Labels[ManagedByLabel] = ManagedByValue;
        metadata.Annotations ??= new Dictionary<string, string>();
        metadata.Annotations[RotatedAtAnnotation] = Workloads.Format(manifest.RotatedAt ?? now);
        metadata.Annotations[AppliedAtAnnotation] = Workloads.Format(now);
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = metadata,
            Type = existing?.Type ?? manifest.Type,
            Data = manifest.Data.ToDictionary(p => p.Key, p => p.Value),
        };
    }

    private async Task<IReadOnlyList<WorkloadOutcome>> RestartAsync(
        IReadOnlyList<(Workload Workload, IReadOnlyList<string> Secrets)> restarts, DateTimeOffset now, ApplyOptions options, CancellationToken cancellationToken)
    {
        var workloads = new Workloads(_client);
        var outcomes = new WorkloadOutcome?[restarts.Count];
        for (var i = 0; i < restarts.Count; i++)
        {
            var (workload, secrets) = restarts[i];
            if (workload.Paused)
            {
                outcomes[i] = new WorkloadOutcome(workload, WorkloadAction.Skipped, "paused: resume the rollout, then run apply again", secrets);
                continue;
            }

            try
            {
                await workloads.RestartAsync(workload, now, cancellationToken);
                if (workload.Kind == WorkloadKind.CronJob)
                {
                    outcomes[i] = new WorkloadOutcome(workload, WorkloadAction.Scheduled, "takes effect at the next scheduled run", secrets);
                }
                else if (workload.OnDelete)
                {
                    outcomes[i] = new WorkloadOutcome(workload, WorkloadAction.NotWaited, "update strategy OnDelete: restart annotation set, not waited for; each pod reads the new values when it is deleted", secrets);
                }
            }
            catch (Exception e) when (ApiFailure.IsApiFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                outcomes[i] = new WorkloadOutcome(workload, WorkloadAction.Failed, $"restart failed: {ApiFailure.Describe(e, connection.RequestTimeout)}", secrets);
            }
        }

        // One deadline for all rollouts; they progress in parallel in the cluster anyway.
        using var expiry = new CancellationTokenSource(options.Timeout, clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        var pending = Enumerable.Range(0, restarts.Count).Where(i => outcomes[i] is null).ToList();
        var last = new Dictionary<int, string>();
        while (pending.Count > 0)
        {
            foreach (var i in pending.ToList())
            {
                var (workload, secrets) = restarts[i];
                try
                {
                    var progress = await workloads.ProgressAsync(workload, deadline.Token);
                    last[i] = progress.Message;
                    if (progress.State != RolloutState.Waiting)
                    {
                        outcomes[i] = new WorkloadOutcome(workload, progress.State == RolloutState.Done ? WorkloadAction.RolledOut : WorkloadAction.Failed, progress.Message, secrets);
                        pending.Remove(i);
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (ApiFailure.IsApiFailure(e) && !deadline.IsCancellationRequested)
                {
                    // A failed status read is not a failed rollout: try again on the next poll.
                    last[i] = $"status read failed: {ApiFailure.Describe(e, connection.RequestTimeout)}";
                }
            }

            if (pending.Count == 0 || deadline.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(options.PollInterval, clock, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var i in pending)
        {
            var (workload, secrets) = restarts[i];
            var where = last.TryGetValue(i, out var message) ? $": {message}" : "";
            outcomes[i] = new WorkloadOutcome(workload, WorkloadAction.TimedOut, $"rollout not complete after {options.Timeout.TotalSeconds:0}s{where}", secrets);
        }

        return [.. outcomes.Select(o => o!)];
    }
}
