using Npgsql;

namespace Csol.Tests.Support.Servers;

/// <summary>A throw-away PostgreSQL server from Debian's <c>postgresql</c> package: <c>initdb</c> in a temporary folder,
/// <c>pg_ctl</c> on a free loopback port, its unix socket in that folder too, so it meets neither the system's server
/// nor another test run. <see cref="StopAsync"/> and <see cref="StartAsync"/> keep the data (fault tests use them).</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "csol";
    private readonly string _bin;
    private readonly string _root;
    private int _databases;

    private PostgresServer(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(_root, "data");

    /// <summary>The server's address as connection strings name it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>initdb then start; the caller disposes (stop and delete).</summary>
    public static async Task<PostgresServer> CreateAsync()
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), $"csol-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "data"));
        await ServerProcesses.GiveToPostgresAsync(root);
        var server = new PostgresServer(bin, root, TestPaths.FreePort());
        await ServerProcesses.RunAsync(Path.Combine(bin, "initdb"),
            ["-D", server.DataFolder, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true,
                TimeSpan.FromMinutes(2));
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync() =>
        await ServerProcesses.RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataFolder, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
             "-o",
                 $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c "
                 + $"max_connections=300",
             "start"], asPostgres: true, TimeSpan.FromSeconds(90));

    /// <summary>Stops the server the way a crash looks to clients: connections drop (immediate mode).</summary>
    public async Task StopAsync()
    {
        await ServerProcesses.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: true,
            TimeSpan.FromSeconds(60));
        NpgsqlConnection.ClearAllPools(); // this process's pooled connections died with the server
    }

    /// <summary>A connection string to a new empty database of this server (each test gets its own).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "csol")
    {
        var full = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = full[..Math.Min(full.Length, 40)];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database, Timeout = 5 }.ToString();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ServerProcesses.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: true,
                TimeSpan.FromSeconds(60));
        }
        catch (InvalidOperationException)
        {
            // already stopped (a fault test left it so)
        }
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Debian installs the server tools per major version under /usr/lib/postgresql; the newest wins.</summary>
    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions
            .Select(v => (Path: Path.Combine(v, "bin"), Version: int.TryParse(Path.GetFileName(v), out var n) ? n : 0))
            .Where(v => File.Exists(Path.Combine(v.Path, "initdb")))
            .OrderByDescending(v => v.Version)
            .Select(v => v.Path)
            .FirstOrDefault();
        return bin
            ?? throw new InvalidOperationException(
                "PostgreSQL's server tools are missing (no /usr/lib/postgresql/*/bin/initdb): run ./setup.sh, which installs Debian's postgresql.");
    }
}
