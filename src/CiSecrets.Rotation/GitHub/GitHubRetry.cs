using System.Globalization;
using Octokit;
using Polly;
using Polly.Retry;

namespace CiSecrets.Rotation.GitHub;

/// <summary>
/// When a GitHub call is worth repeating, and after how long: rate limits (429, or a 403 that
/// carries <c>Retry-After</c>, <c>x-ratelimit-remaining: 0</c> or Octokit's rate-limit exceptions)
/// wait what GitHub asks (<c>Retry-After</c>, else until <c>x-ratelimit-reset</c>, else a minute, as
/// GitHub's best practices say); server errors (5xx) and broken connections back off exponentially
/// with jitter. A wait longer than <see cref="MaxWait"/> is not waited at all: a scheduled job fails
/// at once, saying how long GitHub asked for, rather than hanging. Everything else (401, 404, 422,
/// a plain 403) is an answer, not a hiccup, and is not retried. Octokit has no retry of its own, and
/// it maps 429 to a plain <see cref="ApiException"/>.
/// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
/// </summary>
internal sealed class GitHubRetry
{
    /// <summary>GitHub: "If the retry-after response header is not present ... wait for at least one minute before retrying."</summary>
    private static readonly TimeSpan UnspecifiedRateLimitWait = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;

    /// <param name="baseDelay">The first backoff after a server error; later ones grow exponentially.</param>
    /// <param name="maxWait">The longest wait for a rate limit this run accepts.</param>
    /// <param name="time">The clock that reads <c>x-ratelimit-reset</c> and runs the waits (tests pass one that records them).</param>
    public GitHubRetry(TimeSpan baseDelay, TimeSpan maxWait, TimeProvider time, int maxRetries = 4)
    {
        (MaxWait, _time) = (maxWait, time);
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                // A rate limit's wait replaces the backoff; null keeps the backoff (server errors).
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Exception is { } e && IsRateLimit(e) ? RequestedWait(e) : null),
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    public TimeSpan MaxWait { get; }

    public bool IsTransient(Exception exception) => exception switch
    {
        _ when IsRateLimit(exception) => RequestedWait(exception) <= MaxWait,
        ApiException api => (int)api.StatusCode >= 500,
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>Why a rate limit was not retried, for the error message; empty for any other failure.</summary>
    public string Explain(Exception exception) =>
        IsRateLimit(exception) && RequestedWait(exception) is { } wait && wait > MaxWait
            ? $" (rate limited: GitHub asks to wait {Seconds(wait)}, longer than the {Seconds(MaxWait)} a run waits; run again later)"
            : "";

    public static bool IsRateLimit(Exception exception) => exception switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException => true,
        ApiException { StatusCode: (System.Net.HttpStatusCode)429 } => true,
        ApiException { StatusCode: System.Net.HttpStatusCode.Forbidden } api =>
            Header(api.HttpResponse, "Retry-After") is not null || Header(api.HttpResponse, "X-RateLimit-Remaining") == "0",
        _ => false,
    };

    /// <summary>The wait a rate-limit answer asks for: <c>Retry-After</c>, else until <c>x-ratelimit-reset</c> when none remain, else a minute.</summary>
    private TimeSpan RequestedWait(Exception exception)
    {
        var response = (exception as ApiException)?.HttpResponse;
        if (Header(response, "Retry-After") is { } retryAfter)
        {
            if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return Until(at);
            }
        }

        if (Header(response, "X-RateLimit-Remaining") == "0"
            && long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            return Until(DateTimeOffset.FromUnixTimeSeconds(reset));
        }

        return UnspecifiedRateLimitWait;
    }

    private TimeSpan Until(DateTimeOffset time) => time - _time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero;

    private static string Seconds(TimeSpan wait) => $"{Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";

    private static string? Header(IResponse? response, string name) =>
        response?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
