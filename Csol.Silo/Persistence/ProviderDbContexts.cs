using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Persistence;

/// <summary>The platform database on PostgreSQL. The model is <see cref="CsolDbContext"/>'s; the type exists so that
/// EF Core keeps a migration set per provider (migrations belong to a context type): SQLite's in
/// <c>Persistence/Migrations</c>, PostgreSQL's in <c>Persistence/PostgresMigrations</c>.</summary>
public sealed class PostgresCsolDbContext(DbContextOptions<CsolDbContext> options) : CsolDbContext(options);

/// <summary>Creates the context type of the configured provider, so <c>Migrate</c> picks that provider's migrations.</summary>
internal sealed class ProviderDbContextFactory(DbContextOptions<CsolDbContext> options, IOptions<DatabaseOptions> database)
    : IDbContextFactory<CsolDbContext>
{
    public CsolDbContext CreateDbContext() => database.Value.IsPostgres ? new PostgresCsolDbContext(options) : new CsolDbContext(options);
}
