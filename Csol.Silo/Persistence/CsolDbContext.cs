using Csol.Silo.Persistence.ResultRecords;
using Csol.Silo.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Csol.Silo.Persistence;

/// <summary>The platform database: grain state, the queryable platform records, and users (ASP.NET Core Identity),
/// API tokens and the audit trail. This type carries the SQLite migrations; <see cref="PostgresCsolDbContext"/> the
/// PostgreSQL ones (same model).</summary>
public class CsolDbContext(DbContextOptions<CsolDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<AuditEventRow> AuditEvents => Set<AuditEventRow>();

    public DbSet<GrainStateRecord> GrainStates => Set<GrainStateRecord>();

    public DbSet<ExperimentRecord> Experiments => Set<ExperimentRecord>();

    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();

    public DbSet<DatasetRow> Datasets => Set<DatasetRow>();

    public DbSet<LeaderboardEntryRow> LeaderboardEntries => Set<LeaderboardEntryRow>();
    public DbSet<MetricPointRecord> MetricPoints => Set<MetricPointRecord>();

    public DbSet<ExperimentLog.ExperimentLogRow> ExperimentLog => Set<ExperimentLog.ExperimentLogRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables (AspNetUsers, AspNetRoles, …)
        modelBuilder.ApplyConfiguration(new ApiTokenRowConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEventRowConfiguration());
        modelBuilder.Entity<GrainStateRecord>(e =>
        {
            e.ToTable("grain_state");
            e.HasKey(r => new { r.StateName, r.GrainId });
            e.Property(r => r.ETag).IsRequired();
        });
        modelBuilder.Entity<ExperimentRecord>(e =>
        {
            e.ToTable("experiments");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.CreatedAt);
            e.HasIndex(r => r.Status);
            e.HasIndex(r => r.Group);
            e.HasIndex(r => r.Owner);
        });
        modelBuilder.ApplyConfiguration(new CheckpointRowConfiguration());
        modelBuilder.ApplyConfiguration(new DatasetRowConfiguration());
        modelBuilder.ApplyConfiguration(new LeaderboardEntryRowConfiguration());
        modelBuilder.ApplyConfiguration(new MetricPointConfiguration());
        modelBuilder.ApplyConfiguration(new ExperimentLog.ExperimentLogRowConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type that sorts; binary ticks sort and compare correctly on every provider.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>One grain's persisted state, serialised as JSON, with an ETag for optimistic concurrency.</summary>
public sealed class GrainStateRecord
{
    public required string StateName { get; set; }
    public required string GrainId { get; set; }
    public required string Payload { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A row of the experiments table: what lists, filters and sorts need without waking grains.</summary>
public sealed class ExperimentRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FinalMetricsJson { get; set; }
    public int Priority { get; set; }
    public string? Group { get; set; }
    public string? DatasetId { get; set; }
    public string? Device { get; set; }
    /// <summary>The config's kind (stage-one, pipeline, probe).</summary>
    public string? Kind { get; set; }
    /// <summary>The user who queued it (Identity user name).</summary>
    public string? Owner { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
