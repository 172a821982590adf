using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CiSecrets.Testing.Kubernetes;

/// <summary>
/// A Kubernetes API server fake on 127.0.0.1 that serves the routes cisecrets uses: Secrets
/// (get, list, create, replace with resourceVersion checks) and Deployments, StatefulSets,
/// DaemonSets and CronJobs (list, get, merge-patch). A patch bumps the generation and starts a
/// simulated rollout that completes after <see cref="RolloutPolls"/> reads. Every request is
/// recorded; <see cref="FailNext"/> injects an error.
/// </summary>
public sealed partial class FakeKubernetesApiServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _http;
    private readonly Lock _lock = new();
    private readonly List<HttpRequestRecord> _requests = [];
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rollouts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stalled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deadlineExceeded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<JsonObject>> _concurrentWrites = new(StringComparer.Ordinal);
    private readonly List<(string Method, string PathSuffix, int Status)> _failures = [];
    private readonly List<(string Method, string PathSuffix)> _hangs = [];
    private int _resourceVersion = 100;

    /// <param name="certificate">Serve HTTPS with this certificate (as the in-cluster API server does); null: HTTP.</param>
    /// <param name="clock">The cluster's clock, for creation times; null: <see cref="TestClock.Running"/>.</param>
    public FakeKubernetesApiServer(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null, TimeProvider? clock = null)
    {
        _http = new LoopbackHttpServer(Handle, certificate);
        Clock = clock ?? TestClock.Running();
    }

    public Uri Uri => _http.Uri;

    /// <summary>The clock the cluster stamps creation times with; code under test should read the same one.</summary>
    public TimeProvider Clock { get; }

    /// <summary>How many status reads a patched workload needs before its rollout is complete.</summary>
    public int RolloutPolls { get; set; } = 2;

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<HttpRequestRecord> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Requests that write (POST, PUT, PATCH).</summary>
    public IReadOnlyList<HttpRequestRecord> Writes => [.. Requests.Where(r => r.Method is "POST" or "PUT" or "PATCH")];

    /// <summary>Writes a kubeconfig whose current context points at this server (with a throwaway bearer token: the client requires credentials).</summary>
    public string WriteKubeconfig(string directory, string ns = "default")
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Uri.ToString().TrimEnd('/')}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
                namespace: {ns}
            current-context: fake
            users:
            - name: fake
              user:
                token: {Guid.NewGuid():N}
            """);
        return path;
    }

    public void AddSecret(string ns, string name, IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? annotations = null, DateTimeOffset? created = null)
    {
        var encoded = new JsonObject();
        foreach (var (key, value) in data)
        {
            encoded[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))]);
        }

        var secret = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata, ["type"] = "Opaque", ["data"] = encoded };
        lock (_lock)
        {
            Stamp(secret, created ?? Clock.GetUtcNow());
            _objects[Key("secrets", ns, name)] = secret;
        }
    }

    /// <summary>Adds a workload; <paramref name="podSpec"/> is the pod template's spec. <paramref name="resource"/>: deployments, statefulsets, daemonsets or cronjobs.</summary>
    /// <param name="updateStrategy">A StatefulSet's or DaemonSet's <c>spec.updateStrategy</c>; null: RollingUpdate without a partition.</param>
    public void AddWorkload(string resource, string ns, string name, JsonObject podSpec, int replicas = 2, bool paused = false, DateTimeOffset? created = null, JsonObject? updateStrategy = null)
    {
        var template = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name }, ["annotations"] = new JsonObject { ["team"] = "platform" } }, ["spec"] = podSpec };
        var selector = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } };
        var (apiVersion, kind, spec) = resource switch
        {
            "deployments" => ("apps/v1", "Deployment", new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = template, ["paused"] = paused }),
            "statefulsets" => ("apps/v1", "StatefulSet", new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = template, ["serviceName"] = name }),
            "daemonsets" => ("apps/v1", "DaemonSet", new JsonObject { ["selector"] = selector, ["template"] = template }),
            "cronjobs" => ("batch/v1", "CronJob", new JsonObject { ["schedule"] = "0 * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } }),
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
        if (updateStrategy is not null)
        {
            spec["updateStrategy"] = updateStrategy;
        }

        var workload = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["generation"] = 1L },
            ["spec"] = spec,
        };
        lock (_lock)
        {
            Stamp(workload, created ?? Clock.GetUtcNow().AddDays(-1));
            workload["status"] = CompleteStatus(resource, workload);
            _objects[Key(resource, ns, name)] = workload;
        }
    }

    /// <summary>A copy of a stored object, or null.</summary>
    public JsonObject? Get(string resource, string ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(Key(resource, ns, name), out var found) ? (JsonObject)found.DeepClone() : null;
        }
    }

    /// <summary>The decoded data of a stored Secret (for assertions inside tests only).</summary>
    public IReadOnlyDictionary<string, string> SecretData(string ns, string name) =>
        Get("secrets", ns, name)?["data"]?.AsObject().ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromBase64String(p.Value!.GetValue<string>())))
        ?? throw new InvalidOperationException($"no Secret {ns}/{name}");

    /// <summary>The next request with this method whose path ends with <paramref name="pathSuffix"/> gets <paramref name="status"/>.</summary>
    public void FailNext(string method, string pathSuffix, int status = 500)
    {
        lock (_lock)
        {
            _failures.Add((method, pathSuffix, status));
        }
    }

    /// <summary>Requests with this method whose path ends with <paramref name="pathSuffix"/> get no answer at all (a hung API server).</summary>
    public void Hang(string method, string pathSuffix)
    {
        lock (_lock)
        {
            _hangs.Add((method, pathSuffix));
        }
    }

    /// <summary>A workload whose rollout never completes.</summary>
    public void Stall(string resource, string ns, string name)
    {
        lock (_lock)
        {
            _stalled.Add(Key(resource, ns, name));
        }
    }

    /// <summary>A Deployment whose next rollout stops with the <c>ProgressDeadlineExceeded</c> condition, as the controller reports it.</summary>
    public void ExceedProgressDeadline(string ns, string name)
    {
        lock (_lock)
        {
            _deadlineExceeded.Add(Key("deployments", ns, name));
        }
    }

    /// <summary>
    /// Another writer changes the Secret right before the next replace of it arrives, so that replace
    /// carries a stale resourceVersion and gets 409 Conflict (once: the edit is applied once).
    /// </summary>
    public void WriteConcurrently(string ns, string name, Action<JsonObject> edit)
    {
        lock (_lock)
        {
            _concurrentWrites[Key("secrets", ns, name)] = edit;
        }
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private HttpResponseRecord Handle(HttpRequestRecord request)
    {
        lock (_lock)
        {
            _requests.Add(request);
            if (_hangs.Any(h => h.Method == request.Method && request.Path.EndsWith(h.PathSuffix, StringComparison.Ordinal)))
            {
                return HttpResponseRecord.Silence;
            }

            var failure = _failures.FindIndex(f => f.Method == request.Method && request.Path.EndsWith(f.PathSuffix, StringComparison.Ordinal));
            if (failure >= 0)
            {
                var status = _failures[failure].Status;
                _failures.RemoveAt(failure);
                return Status(status, status == 500 ? "InternalError" : "Injected", "injected failure");
            }

            var match = Route().Match(request.Path);
            if (!match.Success)
            {
                return Status(404, "NotFound", $"no route {request.Path}");
            }

            var ns = match.Groups["ns"].Value;
            var resource = match.Groups["resource"].Value;
            var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
            return (request.Method, name) switch
            {
                ("GET", null) => List(resource, ns),
                ("GET", { } one) => Read(resource, ns, one),
                ("POST", null) when resource == "secrets" => Create(ns, request.Body),
                ("PUT", { } one) when resource == "secrets" => Replace(ns, one, request.Body),
                ("PATCH", { } one) when resource != "secrets" => Patch(resource, ns, one, request.Body),
                _ => Status(405, "MethodNotAllowed", $"{request.Method} {request.Path}"),
            };
        }
    }

    private HttpResponseRecord List(string resource, string ns)
    {
        var prefix = Key(resource, ns, "");
        var items = new JsonArray([.. _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (JsonNode)o.Value.DeepClone())]);
        return Ok(new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["resourceVersion"] = $"{_resourceVersion}" }, ["items"] = items });
    }

    private HttpResponseRecord Read(string resource, string ns, string name)
    {
        var key = Key(resource, ns, name);
        if (!_objects.TryGetValue(key, out var found))
        {
            return Status(404, "NotFound", $"{resource} \"{name}\" not found");
        }

        if (_rollouts.ContainsKey(key) && _deadlineExceeded.Contains(key))
        {
            var status = ProgressingStatus(resource, found);
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Progressing",
                ["status"] = "False",
                ["reason"] = "ProgressDeadlineExceeded",
                ["message"] = $"ReplicaSet \"{name}-new\" has timed out progressing.",
            });
            found["status"] = status;
        }
        else if (_rollouts.TryGetValue(key, out var remaining) && !_stalled.Contains(key) && !OnDelete(found))
        {
            if (remaining <= 1)
            {
                _rollouts.Remove(key);
                found["status"] = CompleteStatus(resource, found);
            }
            else
            {
                _rollouts[key] = remaining - 1;
                found["status"] = ProgressingStatus(resource, found);
            }
        }

        return Ok(found);
    }

    private HttpResponseRecord Create(string ns, string body)
    {
        var secret = JsonNode.Parse(body)!.AsObject();
        var name = secret["metadata"]!["name"]!.GetValue<string>();
        if (_objects.ContainsKey(Key("secrets", ns, name)))
        {
            return Status(409, "AlreadyExists", $"secrets \"{name}\" already exists");
        }

        Stamp(secret, Clock.GetUtcNow());
        _objects[Key("secrets", ns, name)] = secret;
        return new HttpResponseRecord(201, secret.ToJsonString());
    }

    private HttpResponseRecord Replace(string ns, string name, string body)
    {
        var key = Key("secrets", ns, name);
        if (!_objects.TryGetValue(key, out var existing))
        {
            return Status(404, "NotFound", $"secrets \"{name}\" not found");
        }

        if (_concurrentWrites.Remove(key, out var edit))
        {
            edit(existing);
            existing["metadata"]!["resourceVersion"] = $"{++_resourceVersion}";
        }

        var secret = JsonNode.Parse(body)!.AsObject();
        var version = secret["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (version is not null && version != existing["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            return Status(409, "Conflict", "the object has been modified");
        }

        secret["metadata"]!["creationTimestamp"] = existing["metadata"]!["creationTimestamp"]!.DeepClone();
        secret["metadata"]!["resourceVersion"] = $"{++_resourceVersion}";
        _objects[key] = secret;
        return Ok(secret);
    }

    private HttpResponseRecord Patch(string resource, string ns, string name, string body)
    {
        var key = Key(resource, ns, name);
        if (!_objects.TryGetValue(key, out var existing))
        {
            return Status(404, "NotFound", $"{resource} \"{name}\" not found");
        }

        Merge(existing, JsonNode.Parse(body)!.AsObject());
        var metadata = existing["metadata"]!;
        metadata["generation"] = metadata["generation"]!.GetValue<long>() + 1;
        metadata["resourceVersion"] = $"{++_resourceVersion}";
        if (resource != "cronjobs")
        {
            _rollouts[key] = RolloutPolls;
            existing["status"] = ProgressingStatus(resource, existing);
        }

        return Ok(existing);
    }

    /// <summary>JSON merge patch (RFC 7386); enough of strategic merge for maps of annotations.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static bool OnDelete(JsonObject workload) => workload["spec"]?["updateStrategy"]?["type"]?.GetValue<string>() == "OnDelete";

    private static int? Partition(JsonObject workload) => workload["spec"]?["updateStrategy"]?["rollingUpdate"]?["partition"]?.GetValue<int>();

    private static JsonObject CompleteStatus(string resource, JsonObject workload)
    {
        var generation = workload["metadata"]!["generation"]!.GetValue<long>();
        var replicas = workload["spec"]?["replicas"]?.GetValue<int>() ?? 3;
        if (resource == "statefulsets" && generation > 1 && Partition(workload) is { } partition)
        {
            // The controller updates only ordinals at or above the partition: the revisions stay apart.
            return new JsonObject { ["observedGeneration"] = generation, ["replicas"] = replicas, ["updatedReplicas"] = replicas - partition, ["readyReplicas"] = replicas, ["currentRevision"] = $"rev-{generation - 1}", ["updateRevision"] = $"rev-{generation}" };
        }

        return resource switch
        {
            "deployments" => new JsonObject { ["observedGeneration"] = generation, ["replicas"] = replicas, ["updatedReplicas"] = replicas, ["readyReplicas"] = replicas, ["availableReplicas"] = replicas },
            "statefulsets" => new JsonObject { ["observedGeneration"] = generation, ["replicas"] = replicas, ["updatedReplicas"] = replicas, ["readyReplicas"] = replicas, ["currentRevision"] = $"rev-{generation}", ["updateRevision"] = $"rev-{generation}" },
            "daemonsets" => new JsonObject { ["observedGeneration"] = generation, ["desiredNumberScheduled"] = replicas, ["currentNumberScheduled"] = replicas, ["updatedNumberScheduled"] = replicas, ["numberAvailable"] = replicas, ["numberReady"] = replicas, ["numberMisscheduled"] = 0 },
            _ => new JsonObject(),
        };
    }

    /// <summary>Mid-rollout: the new generation observed, but only one replica updated.</summary>
    private static JsonObject ProgressingStatus(string resource, JsonObject workload)
    {
        var status = CompleteStatus(resource, workload);
        switch (resource)
        {
            case "deployments":
                status["updatedReplicas"] = 1;
                status["availableReplicas"] = 1;
                break;
            case "statefulsets":
                // OnDelete or a partition: no pod is replaced until deleted (or yet).
                status["currentRevision"] = "rev-previous";
                status["updatedReplicas"] = OnDelete(workload) || Partition(workload) is not null ? 0 : 1;
                break;
            case "daemonsets":
                status["updatedNumberScheduled"] = 1;
                break;
        }

        return status;
    }

    private void Stamp(JsonObject item, DateTimeOffset created)
    {
        var metadata = item["metadata"]!.AsObject();
        metadata["creationTimestamp"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        metadata["resourceVersion"] = $"{++_resourceVersion}";
        metadata["uid"] = Guid.NewGuid().ToString();
    }

    private static HttpResponseRecord Ok(JsonObject body) => new(200, body.ToJsonString());

    private static HttpResponseRecord Status(int code, string reason, string message) =>
        new(code, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = reason, ["message"] = message, ["code"] = code }.ToJsonString());

    private static string Key(string resource, string ns, string name) => $"{resource}/{ns}/{name}";

    [GeneratedRegex(@"^/(?:api/v1|apis/apps/v1|apis/batch/v1)/namespaces/(?<ns>[^/]+)/(?<resource>secrets|deployments|statefulsets|daemonsets|cronjobs)(?:/(?<name>[^/]+))?$")]
    private static partial Regex Route();
}
