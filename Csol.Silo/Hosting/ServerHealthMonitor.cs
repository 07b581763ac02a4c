using Csol.Abstractions.Services;
using Csol.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Csol.Silo.Hosting;

/// <summary>Probes the platform database and, in cluster mode, Redis every <see cref="Interval"/>; logs each change once.</summary>
internal sealed class ServerHealthMonitor(
    IDbContextFactory<CsolDbContext> dbFactory,
    IOptions<DatabaseOptions> database,
    IOptions<OrleansOptions> orleans,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<ServerHealthMonitor> logger) : BackgroundService, IServerHealth
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private volatile IReadOnlyList<ServerStatus> _current = [];
    private ConnectionMultiplexer? _redis;

    public IReadOnlyList<ServerStatus> Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            var statuses = new List<ServerStatus> { await ProbeDatabaseAsync(stoppingToken) };
            if (orleans.Value.IsCluster)
                statuses.Add(await ProbeRedisAsync());
            _current = statuses;
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_redis is not null)
            await _redis.DisposeAsync();
    }

    private async Task<ServerStatus> ProbeDatabaseAsync(CancellationToken stoppingToken)
    {
        var (name, setting, address) = database.Value.IsPostgres
            ? ("PostgreSQL (records, grain state, jobs)", DatabaseOptions.ConnectionStringSetting,
                PostgresConnection.Address(PostgresConnection.Require(configuration)))
            : ("SQLite (records, grain state)", "Csol:DataDirectory", "csol.db");
        string? problem = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(ProbeTimeout);
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            if (!await db.Database.CanConnectAsync(timeout.Token))
                problem = "does not accept connections";
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            problem = e is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : e.Message.Split('\n')[0];
        }
        return Record(name, setting, address, problem);
    }

    private async Task<ServerStatus> ProbeRedisAsync()
    {
        var connection = RedisConnection.Require(configuration);
        string? problem = null;
        try
        {
            if (_redis is null)
            {
                var options = ConfigurationOptions.Parse(connection);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = (int)ProbeTimeout.TotalMilliseconds;
                _redis = await ConnectionMultiplexer.ConnectAsync(options);
            }
            await _redis.GetDatabase().PingAsync().WaitAsync(ProbeTimeout);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            problem = e is TimeoutException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : e.Message.Split('\n')[0];
        }
        return Record("Redis (cluster membership)", OrleansOptions.RedisConnectionSetting, RedisConnection.Address(connection), problem);
    }

    private ServerStatus Record(string name, string setting, string address, string? problem)
    {
        var previous = _current.FirstOrDefault(s => s.Name == name);
        var reachable = problem is null;
        if (previous is not null && previous.Reachable == reachable)
            return previous with { Problem = problem };
        if (!reachable)
            logger.LogError("{Server} at {Address} ({Setting}) is unreachable: {Problem}", name, address, setting, problem);
        else if (previous is not null)
            logger.LogWarning("{Server} at {Address} is reachable again", name, address);
        return new ServerStatus(name, setting, address, reachable, problem, clock.GetUtcNow());
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
