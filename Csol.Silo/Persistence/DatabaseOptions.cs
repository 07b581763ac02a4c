using System.ComponentModel.DataAnnotations;

namespace Csol.Silo.Persistence;

/// <summary>Where records, grain state and Hangfire's jobs live. Section <c>Csol:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Csol:Database";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The setting that holds the PostgreSQL connection string (host, port, database, user, password).</summary>
    public const string ConnectionStringSetting = "ConnectionStrings:Platform";

    /// <summary><c>sqlite</c> (default: files in the data directory, one host) or <c>postgres</c> (every host of a cluster
    /// shares one server; the connection string is <c>ConnectionStrings:Platform</c>).</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "must be 'sqlite' or 'postgres'")]
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => Provider == Postgres;
}
