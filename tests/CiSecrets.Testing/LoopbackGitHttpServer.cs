using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace CiSecrets.Testing;

/// <summary>One request the loopback git server received: what was asked and the Authorization header it carried.</summary>
public sealed record GitHttpRequest(string Method, string PathAndQuery, string? Authorization);

/// <summary>
/// A bare repository served over git's smart HTTP protocol on 127.0.0.1: each request runs
/// <c>git http-backend</c> (the CGI program git ships) and answers with its output. Like GitHub, it
/// demands HTTP basic authentication with the user <c>x-access-token</c> and the given token, and
/// answers 401 with a <c>WWW-Authenticate</c> challenge otherwise; every request and its
/// Authorization header is recorded. Plain HTTP: TLS would need a certificate the client trusts,
/// and the credentials travel in the same header either way. Stops by itself after
/// <see cref="LoopbackHttpListener.Lifetime"/>.
/// https://git-scm.com/docs/git-http-backend
/// </summary>
public sealed class LoopbackGitHttpServer : IDisposable
{
    private readonly LoopbackHttpListener _listener;
    private readonly ConcurrentQueue<GitHttpRequest> _requests = new();
    private readonly string _projectRoot;
    private readonly string _repositoryName;
    private readonly string _expectedAuthorization;

    /// <param name="bareRepository">The bare repository to serve.</param>
    /// <param name="token">The token the server accepts as the password of <c>x-access-token</c>.</param>
    public LoopbackGitHttpServer(string bareRepository, string token)
    {
        var full = System.IO.Path.GetFullPath(bareRepository).TrimEnd('/');
        (_projectRoot, _repositoryName) = (System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileName(full));
        _expectedAuthorization = BasicAuthorization(token);
        _listener = new LoopbackHttpListener(HandleAsync);
        RepositoryUrl = new Uri(_listener.Url, _repositoryName);
    }

    /// <summary>The URL to use as the remote, e.g. <c>http://127.0.0.1:41234/origin</c>.</summary>
    public Uri RepositoryUrl { get; }

    public IReadOnlyList<GitHttpRequest> Requests => [.. _requests];

    /// <summary>The Authorization header a client sends for <c>x-access-token</c> and <paramref name="token"/>.</summary>
    public static string BasicAuthorization(string token) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{token}"));

    public void Dispose() => _listener.Dispose();

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var authorization = request.Headers["Authorization"];
        _requests.Enqueue(new GitHttpRequest(request.HttpMethod, request.Url!.PathAndQuery, authorization));
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body, cancellationToken);

        var response = context.Response;
        if (authorization != _expectedAuthorization)
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
            response.Close();
            return;
        }

        var (status, headers, content) = await RunBackendAsync(request, body.ToArray(), cancellationToken);
        response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.AddHeader(name, value);
            }
        }

        response.ContentLength64 = content.Length;
        await response.OutputStream.WriteAsync(content, cancellationToken);
        response.Close();
    }

    /// <summary>Runs the CGI program with the request (https://datatracker.ietf.org/doc/html/rfc3875) and splits its answer.</summary>
    private async Task<(int Status, List<(string, string)> Headers, byte[] Content)> RunBackendAsync(HttpListenerRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["GIT_PROJECT_ROOT"] = _projectRoot;
        environment["GIT_HTTP_EXPORT_ALL"] = "1";
        environment["PATH_INFO"] = request.Url!.AbsolutePath;
        environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
        environment["REQUEST_METHOD"] = request.HttpMethod;
        environment["CONTENT_TYPE"] = request.ContentType ?? "";
        environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // An authenticated user turns on receive-pack (pushes), as http-backend documents.
        environment["REMOTE_USER"] = "x-access-token";
        environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.Headers["Content-Encoding"] is { } encoding)
        {
            environment["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"] is { } protocol)
        {
            environment["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(body, cancellationToken);
        process.StandardInput.Close();
        await reading;
        await errors;
        await process.WaitForExitAsync(cancellationToken);
        return SplitCgiOutput(output.ToArray());
    }

    private static (int Status, List<(string, string)> Headers, byte[] Content) SplitCgiOutput(byte[] output)
    {
        // CGI headers end at the first blank line; http-backend writes CRLF, the spec allows LF.
        var text = Encoding.Latin1.GetString(output);
        var (separator, length) = (text.IndexOf("\r\n\r\n", StringComparison.Ordinal), 4);
        if (separator < 0)
        {
            (separator, length) = (text.IndexOf("\n\n", StringComparison.Ordinal), 2);
        }

        var headerText = separator >= 0 ? text[..separator] : text;
        var headers = new List<(string, string)>();
        var status = 200;
        foreach (var line in headerText.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(':')))
        {
            var (name, value) = (line[..line.IndexOf(':')].Trim(), line[(line.IndexOf(':') + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                headers.Add((name, value));
            }
        }

        return (status, headers, separator >= 0 ? output[(separator + length)..] : []);
    }
}
