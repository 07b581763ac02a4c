using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Csol.Silo.Persistence;

/// <summary>Lets <c>dotnet ef migrations add … --context CsolDbContext</c> build the SQLite context without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CsolDbContext>
{
    public CsolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CsolDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>The same for <c>--context PostgresCsolDbContext</c>. Generating migrations never connects; the address is
/// only there because Npgsql needs one.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresCsolDbContext>
{
    public PostgresCsolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CsolDbContext>().UseNpgsql("Host=design-time.invalid").Options);
}
