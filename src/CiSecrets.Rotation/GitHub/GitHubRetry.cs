using System.Globalization;
using Octokit;
using Polly;
using Polly.Retry;

namespace CiSecrets.Rotation.GitHub;

/// <summary>
/// When a GitHub call is worth repeating: rate limits (403 with the rate-limit headers or text,
/// 429) and server errors (5xx), with exponential backoff and jitter, honouring the reset time or
/// <c>Retry-After</c> GitHub sends (capped, so a scheduled job fails clearly rather than hanging).
/// Everything else (401, 404, 422, a plain 403) is an answer, not a hiccup, and is not retried.
/// Octokit has no retry of its own, and it maps 429 to a plain <see cref="ApiException"/>.
/// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
/// </summary>
internal static class GitHubRetry
{
    /// <summary>The longest wait for a rate-limit reset before giving up.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static ResiliencePipeline Pipeline(TimeSpan baseDelay, int maxRetries = 4) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } e ? ServerRequestedDelay(e) : null),
            })
            .Build();

    public static bool IsTransient(Exception exception) => exception switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException => true,
        ForbiddenException forbidden => RemainingIsZero(forbidden.HttpResponse),
        ApiException api => (int)api.StatusCode is 429 or >= 500,
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>The wait GitHub asked for, if it did (capped at <see cref="MaxWait"/>).</summary>
    private static TimeSpan? ServerRequestedDelay(Exception exception)
    {
        var wait = exception switch
        {
            RateLimitExceededException limit => limit.GetRetryAfterTimeSpan(),
            AbuseException { RetryAfterSeconds: { } seconds } => TimeSpan.FromSeconds(seconds),
            ApiException api => RetryAfter(api.HttpResponse),
            _ => (TimeSpan?)null,
        };
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, MaxWait.Ticks)) : null;
    }

    private static TimeSpan? RetryAfter(IResponse? response) =>
        response?.Headers is { } headers
        && headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static bool RemainingIsZero(IResponse? response) =>
        response?.Headers is { } headers
        && headers.FirstOrDefault(h => string.Equals(h.Key, "X-RateLimit-Remaining", StringComparison.OrdinalIgnoreCase)).Value == "0";
}
