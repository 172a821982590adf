using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace CiSecrets.Kubernetes;

/// <summary>
/// What may be said about a failed API call. KubernetesClient's <see cref="HttpOperationException"/>
/// keeps the whole request (a Secret's data, base64) in <c>Request</c> and the response body in its
/// message, so neither is ever shown: only the status code and the <c>V1Status</c> reason.
/// https://github.com/kubernetes-client/csharp/blob/master/src/KubernetesClient/Kubernetes.cs
/// </summary>
public static class ApiFailure
{
    public static bool IsNotFound(Exception exception) => StatusOf(exception) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception exception) => StatusOf(exception) == HttpStatusCode.Conflict;

    public static HttpStatusCode? StatusOf(Exception exception) =>
        exception is HttpOperationException { Response: { } response } ? response.StatusCode : null;

    /// <summary>One safe line: <c>HTTP 500 InternalError</c>, a transport failure's kind, or a timeout (naming it when known).</summary>
    public static string Describe(Exception exception, TimeSpan? requestTimeout = null) => exception switch
    {
        TaskCanceledException or TimeoutException when requestTimeout is { } timeout =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no answer from the API server within the {timeout.TotalSeconds:0.#}s timeout"),
        HttpOperationException { Response: { } response } => $"HTTP {(int)response.StatusCode} {Reason(response.Content) ?? response.ReasonPhrase ?? response.StatusCode.ToString()}".TrimEnd(),
        HttpRequestException request => $"cannot reach the API server ({request.HttpRequestError})",
        TaskCanceledException or TimeoutException => "the API call timed out",
        _ => $"unexpected {exception.GetType().Name}",
    };

    /// <summary>Whether an exception is one <see cref="Describe"/> covers (an API or transport failure).</summary>
    public static bool IsApiFailure(Exception exception) =>
        exception is HttpOperationException or HttpRequestException or TimeoutException or TaskCanceledException;

    private static string? Reason(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("reason", out var reason)
                && reason.ValueKind == JsonValueKind.String
                ? reason.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
