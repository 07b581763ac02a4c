using Microsoft.Extensions.Options;
using Npgsql;

namespace Csol.Silo.Persistence;

/// <summary>The PostgreSQL connection string of <c>ConnectionStrings:Platform</c>, checked at start-up.</summary>
public static class PostgresConnection
{
    /// <summary>The configured connection string; a missing or unparsable one fails start-up naming the setting.</summary>
    public static string Require(IConfiguration configuration)
    {
        var value = configuration[DatabaseOptions.ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(
                "is required when Csol:Database:Provider is 'postgres' (e.g. Host=db.lab;Port=5432;Database=csol;Username=csol;Password=…)");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"is not a PostgreSQL connection string: {e.Message}");
        }
        return value;
    }

    /// <summary>Host and port only, for messages: never the password.</summary>
    public static string Address(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>The same server with a pool of at least <paramref name="minimumPool"/> connections (Hangfire's workers
    /// each hold one while they fetch, plus its background processes).</summary>
    public static string WithPool(string connectionString, int minimumPool)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxPoolSize < minimumPool)
            builder.MaxPoolSize = minimumPool;
        return builder.ConnectionString;
    }

    private static OptionsValidationException Invalid(string problem) =>
        new(Options.DefaultName, typeof(DatabaseOptions), [$"{DatabaseOptions.ConnectionStringSetting}: {problem}"]);
}
