using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CiSecrets.Testing.Kubernetes;

/// <summary>A request as the loopback server received it.</summary>
public sealed record HttpRequestRecord(string Method, string Path, string Query, string ContentType, string Body)
{
    /// <summary>The Authorization header as sent (tests assert which credential reached the server).</summary>
    public string Authorization { get; init; } = "";
}

/// <summary>What the handler answers.</summary>
public sealed record HttpResponseRecord(int Status, string Body, string ContentType = "application/json")
{
    /// <summary>No answer at all: the connection stays open and silent until the server stops (a hung API server).</summary>
    public static HttpResponseRecord Silence { get; } = new(0, "");
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port (TcpListener, no Kestrel): reads
/// Content-Length or chunked bodies, keeps connections alive, and hands each request to a handler.
/// With a certificate it serves HTTPS (as an in-cluster API server does). Stops when disposed.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<HttpRequestRecord, HttpResponseRecord> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2? _certificate;
    private readonly Task _accepting;

    public LoopbackHttpServer(Func<HttpRequestRecord, HttpResponseRecord> handler, X509Certificate2? certificate = null)
    {
        _handler = handler;
        _certificate = certificate;
        _listener.Start();
        Uri = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Uri { get; }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            try
            {
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                    stream = tls;
                }

                var reader = new BufferedReader(stream);
                while (!_stop.IsCancellationRequested)
                {
                    var requestLine = await reader.ReadLineAsync(_stop.Token);
                    if (string.IsNullOrEmpty(requestLine))
                    {
                        return;
                    }

                    var parts = requestLine.Split(' ');
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var line = await reader.ReadLineAsync(_stop.Token); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(_stop.Token))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }

                    byte[] body;
                    if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                    {
                        using var buffer = new MemoryStream();
                        while (true)
                        {
                            var size = Convert.ToInt32((await reader.ReadLineAsync(_stop.Token))!.Split(';')[0], 16);
                            if (size == 0)
                            {
                                await reader.ReadLineAsync(_stop.Token);
                                break;
                            }

                            buffer.Write(await reader.ReadBytesAsync(size, _stop.Token));
                            await reader.ReadLineAsync(_stop.Token);
                        }

                        body = buffer.ToArray();
                    }
                    else
                    {
                        body = await reader.ReadBytesAsync(headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0, _stop.Token);
                    }

                    var target = parts[1];
                    var question = target.IndexOf('?', StringComparison.Ordinal);
                    var request = new HttpRequestRecord(
                        parts[0],
                        Uri.UnescapeDataString(question < 0 ? target : target[..question]),
                        question < 0 ? "" : target[(question + 1)..],
                        headers.GetValueOrDefault("Content-Type", ""),
                        Encoding.UTF8.GetString(body))
                    {
                        Authorization = headers.GetValueOrDefault("Authorization", ""),
                    };
                    var response = _handler(request);
                    if (response == HttpResponseRecord.Silence)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }

                    var content = Encoding.UTF8.GetBytes(response.Body);
                    var head = $"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {content.Length}\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await stream.WriteAsync(content, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The client went away (or refused the certificate) or the server is stopping.
            }
            finally
            {
                await stream.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>Reads CRLF lines and exact byte counts from a stream.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Length == 0 ? null : Encoding.ASCII.GetString(line.ToArray());
                }

                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }

                line.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("connection closed inside a body");
                }

                var take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
