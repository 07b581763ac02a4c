using System.Net.Sockets;
using Csol.Silo.Persistence;
using Npgsql;
using StackExchange.Redis;

namespace Csol.Silo.Hosting;

/// <summary>Before the host starts: the servers cluster mode needs answer. Without this an unreachable PostgreSQL or
/// Redis surfaces as a stack trace from deep inside a migration or Orleans' membership start-up.</summary>
public static class ServerPreflight
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <exception cref="ServerUnreachableException">Naming the setting and the address, never the password.</exception>
    public static async Task CheckAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (OptionsValidation.ValidateNow<DatabaseOptions>(configuration, DatabaseOptions.Section).IsPostgres)
            await CheckPostgresAsync(PostgresConnection.Require(configuration), cancellationToken);
        if (OptionsValidation.ValidateNow<OrleansOptions>(configuration, OrleansOptions.Section).IsCluster)
            await CheckRedisAsync(RedisConnection.Require(configuration));
    }

    public static async Task CheckPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)Timeout.TotalSeconds, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new ServerUnreachableException("PostgreSQL", DatabaseOptions.ConnectionStringSetting, PostgresConnection.Address(connectionString),
                e);
        }
    }

    public static async Task CheckRedisAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
        }
        catch (Exception e) when (e is RedisException or SocketException or TimeoutException)
        {
            throw new ServerUnreachableException("Redis", OrleansOptions.RedisConnectionSetting, RedisConnection.Address(configuration), e);
        }
    }
}

/// <summary>A server the configuration names does not answer.</summary>
public sealed class ServerUnreachableException(string server, string setting, string address, Exception inner)
    : Exception($"{server} at {address} (setting {setting}) does not answer: {FirstLine(inner.Message)}", inner)
{
    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
