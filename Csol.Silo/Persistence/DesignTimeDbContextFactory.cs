using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Csol.Silo.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CsolDbContext>
{
    public CsolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CsolDbContext>().UseSqlite("Data Source=design.db").Options);
}
