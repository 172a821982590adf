using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CiSecrets.Testing;

/// <summary>One request the loopback GitHub server received (path without the <c>/api/v3</c> prefix).</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string? Authorization);

/// <summary>A pull request the loopback GitHub server holds.</summary>
public sealed class FakePullRequest
{
    public required long Number { get; init; }
    public required string Head { get; init; }
    public required string Base { get; init; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string State { get; set; } = "open";
    public List<string> Labels { get; } = [];
    public List<string> Reviewers { get; } = [];
    public List<string> TeamReviewers { get; } = [];
}

/// <summary>
/// A small GitHub REST API on 127.0.0.1 for tests: the repository, pull requests (list, create,
/// update), labels and review requests, in the snake_case JSON Octokit reads. It records every
/// request, can answer chosen requests with an error first (a 502, a 422, a rate limit), serves
/// both <c>/</c> and <c>/api/v3/</c> (Octokit's Enterprise prefix for a non-github.com host), and
/// stops by itself after <see cref="LoopbackHttpListener.Lifetime"/> if a test forgets to dispose it.
/// </summary>
public sealed partial class LoopbackGitHubServer : IDisposable
{
    private readonly LoopbackHttpListener _listener;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(string Method, Regex Path, int Status, string Body, Dictionary<string, string> Headers)> _failures = [];
    private readonly Lock _gate = new();

    public LoopbackGitHubServer(string owner, string name, string defaultBranch = "main")
    {
        (Owner, Name, DefaultBranch) = (owner, name, defaultBranch);
        _listener = new LoopbackHttpListener((context, _) => HandleAsync(context));
    }

    public string Owner { get; }

    public string Name { get; }

    public string DefaultBranch { get; set; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url => _listener.Url;

    public List<FakePullRequest> PullRequests { get; } = [];

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers the next <paramref name="times"/> requests matching method and path (a regex over the path) with <paramref name="status"/>.</summary>
    public void FailNext(string method, string pathPattern, int status, int times = 1, string? message = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = new JsonObject { ["message"] = message ?? $"injected {status}" };
        if (status == 422)
        {
            body["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["code"] = "custom", ["message"] = message ?? "Validation Failed" });
        }

        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _failures.Add((method, new Regex($"^{pathPattern}$", RegexOptions.None, TimeSpan.FromSeconds(1)), status, body.ToJsonString(), new Dictionary<string, string>(headers ?? new Dictionary<string, string>())));
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var path = request.Url!.AbsolutePath;
        if (path.StartsWith("/api/v3/", StringComparison.Ordinal))
        {
            path = path["/api/v3".Length..];
        }

        var recorded = new RecordedRequest(request.HttpMethod, path.TrimEnd('/'), request.Url.Query.TrimStart('?'), body, request.Headers["Authorization"]);
        _requests.Enqueue(recorded);

        var (status, json, headers) = Route(recorded);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        foreach (var (key, value) in headers)
        {
            response.Headers[key] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private (int Status, string Json, IReadOnlyDictionary<string, string> Headers) Route(RecordedRequest request)
    {
        lock (_gate)
        {
            var failure = _failures.FindIndex(f => f.Method == request.Method && f.Path.IsMatch(request.Path));
            if (failure >= 0)
            {
                var (_, _, status, json, headers) = _failures[failure];
                _failures.RemoveAt(failure);
                return (status, json, headers);
            }

            var repo = $"/repos/{Owner}/{Name}";
            var none = new Dictionary<string, string>();
            if (!request.Path.StartsWith(repo, StringComparison.Ordinal))
            {
                return (404, NotFound, none);
            }

            var rest = request.Path[repo.Length..];
            var number = NumberPattern().Match(rest) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var pull = PullRequests.FirstOrDefault(p => p.Number == number);
            return (request.Method, rest) switch
            {
                ("GET", "") => (200, RepositoryJson(), none),
                ("GET", "/pulls") => (200, new JsonArray([.. PullRequests.Where(p => Matches(p, request.Query)).Select(PullJson)]).ToJsonString(), none),
                ("POST", "/pulls") => Create(request.Body),
                ("PATCH", _) when rest.StartsWith("/pulls/", StringComparison.Ordinal) && pull is not null => Update(pull, request.Body),
                ("POST", _) when rest.EndsWith("/labels", StringComparison.Ordinal) && pull is not null => Label(pull, request.Body),
                ("POST", _) when rest.EndsWith("/requested_reviewers", StringComparison.Ordinal) && pull is not null => Review(pull, request.Body),
                _ => (404, NotFound, none),
            };
        }
    }

    private const string NotFound = """{"message":"Not Found"}""";

    [GeneratedRegex(@"^/(?:pulls|issues)/(\d+)")]
    private static partial Regex NumberPattern();

    private static bool Matches(FakePullRequest pull, string query)
    {
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
        return (!parameters.TryGetValue("state", out var state) || state == "all" || state == pull.State)
            && (!parameters.TryGetValue("base", out var baseRef) || baseRef == pull.Base)
            && (!parameters.TryGetValue("head", out var head) || head.EndsWith(":" + pull.Head, StringComparison.Ordinal));
    }

    private (int, string, IReadOnlyDictionary<string, string>) Create(string body)
    {
        var input = JsonNode.Parse(body)!;
        var head = (string)input["head"]!;
        var none = new Dictionary<string, string>();
        if (PullRequests.Any(p => p.Head == head && p.State == "open"))
        {
            return (422, $$"""{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists for {{Owner}}:{{head}}."}]}""", none);
        }

        var pull = new FakePullRequest
        {
            Number = PullRequests.Count + 1,
            Head = head,
            Base = (string)input["base"]!,
            Title = (string?)input["title"] ?? "",
            Body = (string?)input["body"] ?? "",
        };
        PullRequests.Add(pull);
        return (201, PullJson(pull).ToJsonString(), none);
    }

    private (int, string, IReadOnlyDictionary<string, string>) Update(FakePullRequest pull, string body)
    {
        var input = JsonNode.Parse(body)!;
        pull.Title = (string?)input["title"] ?? pull.Title;
        pull.Body = (string?)input["body"] ?? pull.Body;
        pull.State = (string?)input["state"] ?? pull.State;
        return (200, PullJson(pull).ToJsonString(), new Dictionary<string, string>());
    }

    private static (int, string, IReadOnlyDictionary<string, string>) Label(FakePullRequest pull, string body)
    {
        var input = JsonNode.Parse(body)!;
        var labels = input is JsonArray array ? array : input["labels"]!.AsArray();
        foreach (var label in labels.Select(l => (string)l!).Where(l => !pull.Labels.Contains(l)))
        {
            pull.Labels.Add(label);
        }

        return (200, new JsonArray([.. pull.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]).ToJsonString(), new Dictionary<string, string>());
    }

    private (int, string, IReadOnlyDictionary<string, string>) Review(FakePullRequest pull, string body)
    {
        var input = JsonNode.Parse(body)!;
        pull.Reviewers.AddRange((input["reviewers"]?.AsArray() ?? []).Select(r => (string)r!));
        pull.TeamReviewers.AddRange((input["team_reviewers"]?.AsArray() ?? []).Select(r => (string)r!));
        return (201, PullJson(pull).ToJsonString(), new Dictionary<string, string>());
    }

    private string RepositoryJson() => new JsonObject
    {
        ["id"] = 1,
        ["name"] = Name,
        ["full_name"] = $"{Owner}/{Name}",
        ["owner"] = new JsonObject { ["login"] = Owner },
        ["default_branch"] = DefaultBranch,
        ["html_url"] = $"https://github.example/{Owner}/{Name}",
        ["private"] = true,
    }.ToJsonString();

    private JsonObject PullJson(FakePullRequest pull) => new()
    {
        ["id"] = pull.Number + 1000,
        ["number"] = pull.Number,
        ["state"] = pull.State,
        ["title"] = pull.Title,
        ["body"] = pull.Body,
        ["html_url"] = $"https://github.example/{Owner}/{Name}/pull/{pull.Number}",
        ["head"] = new JsonObject { ["ref"] = pull.Head, ["label"] = $"{Owner}:{pull.Head}", ["repo"] = new JsonObject { ["full_name"] = $"{Owner}/{Name}" } },
        ["base"] = new JsonObject { ["ref"] = pull.Base, ["label"] = $"{Owner}:{pull.Base}", ["repo"] = new JsonObject { ["full_name"] = $"{Owner}/{Name}" } },
        ["labels"] = new JsonArray([.. pull.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]),
        ["requested_reviewers"] = new JsonArray([.. pull.Reviewers.Select(r => (JsonNode)new JsonObject { ["login"] = r })]),
    };

    /// <summary>The JSON of a request body, for assertions.</summary>
    public static JsonNode? ParseBody(RecordedRequest request) => request.Body.Length == 0 ? null : JsonNode.Parse(request.Body, documentOptions: new JsonDocumentOptions());
}
