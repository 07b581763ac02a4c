using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Csol.Silo.Persistence.ExperimentLog;

/// <summary>One line of an experiment's log; the auto-increment id keeps the order lines were written in.</summary>
public sealed class ExperimentLogRow
{
    public long Id { get; set; }
    public Guid ExperimentId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Level { get; set; }
    public required string Message { get; set; }
}

internal sealed class ExperimentLogRowConfiguration : IEntityTypeConfiguration<ExperimentLogRow>
{
    public void Configure(EntityTypeBuilder<ExperimentLogRow> e)
    {
        e.ToTable("experiment_log");
        e.HasKey(r => r.Id);
        e.HasIndex(r => new { r.ExperimentId, r.Id });
        e.Property(r => r.Level).HasMaxLength(16);
    }
}
