using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Csol.Silo.Persistence;

/// <summary>Sets <c>synchronous=NORMAL</c> on every connection to the platform database. With WAL (set at start-up) a
/// commit then survives a killed process, which is what the platform promises; only a power cut can lose the last
/// commits. It spares an fsync per commit, and the platform commits on every step report and state change.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
