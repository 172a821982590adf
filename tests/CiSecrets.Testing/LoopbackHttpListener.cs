using System.Net;
using System.Net.Sockets;

namespace CiSecrets.Testing;

/// <summary>
/// An <see cref="HttpListener"/> on 127.0.0.1 with a free port, handing each request to a handler
/// one at a time, and stopping by itself after <see cref="Lifetime"/> if a test forgets to dispose
/// it. The loopback GitHub API and the loopback git server are both built on it.
/// </summary>
public sealed class LoopbackHttpListener : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new(Lifetime);
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handle;
    private readonly Task _loop;

    public LoopbackHttpListener(Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        _handle = handle;
        (_listener, Url) = Listen();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static (HttpListener, Uri) Listen()
    {
        // HttpListener cannot bind port 0: take a free port from the kernel, then bind it (retrying on a race).
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await _handle(context, _stop.Token);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away, or the server is stopping; nothing to answer.
            }
        }
    }
}
