using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Csol.Tests.Support;

/// <summary>A real local HTTP endpoint that records the JSON bodies POSTed to it (for webhook tests).</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _loop;

    public WebhookListener(HttpStatusCode answer = HttpStatusCode.NoContent)
    {
        Url = $"http://127.0.0.1:{TestPaths.FreePort()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    _received.Writer.TryWrite(JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone());
                context.Response.StatusCode = (int)answer;
                context.Response.Close();
            }
        });
    }

    public string Url { get; }

    public async Task<JsonElement> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cancel.Token);
    }

    public bool TryRead(out JsonElement body) => _received.Reader.TryRead(out body);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
