using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Csol.Silo.Persistence;

/// <summary>One metric point of one experiment. The key (experiment, step, name) makes a duplicate impossible.</summary>
public sealed class MetricPointRecord
{
    public Guid ExperimentId { get; set; }
    public int Step { get; set; }
    public required string Name { get; set; }
    public int Epoch { get; set; }
    /// <summary>Null stands for NaN (a diverged loss): SQLite stores NaN as NULL anyway, so it is said openly.</summary>
    public double? Value { get; set; }
    public double ElapsedSeconds { get; set; }
}

internal sealed class MetricPointConfiguration : IEntityTypeConfiguration<MetricPointRecord>
{
    public void Configure(EntityTypeBuilder<MetricPointRecord> e)
    {
        e.ToTable("metric_points");
        e.HasKey(r => new { r.ExperimentId, r.Step, r.Name });
    }
}
