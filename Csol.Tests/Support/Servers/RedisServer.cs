using System.Diagnostics;
using System.Net.Sockets;

namespace Csol.Tests.Support.Servers;

/// <summary>A throw-away <c>redis-server</c> (Debian's package) on a free loopback port, working folder in temp, no
/// persistence: Orleans membership lives there and is rebuilt by the silos when the server comes back.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _root;
    private Process? _process;

    private RedisServer(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=3000";

    public static async Task<RedisServer> CreateAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"csol-redis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var server = new RedisServer(root, TestPaths.FreePort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        const string tool = "redis-server";
        if (!File.Exists("/usr/bin/redis-server"))
            throw new InvalidOperationException("redis-server is missing: run ./setup.sh, which installs Debian's redis-server.");
        var start = ServerProcesses.StartInfo(tool,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _root, "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile",
                Path.Combine(_root, "redis.log")],
            asPostgres: false);
        _process = Process.Start(start)!;
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGKILL: clients see the connection drop, as when the server crashes.</summary>
    public Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
