using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Csol.Silo.Persistence.ResultRecords;

public sealed class CheckpointRowConfiguration : IEntityTypeConfiguration<CheckpointRow>
{
    public void Configure(EntityTypeBuilder<CheckpointRow> e)
    {
        e.ToTable("checkpoints");
        e.HasKey(r => r.Id);
        e.HasIndex(r => r.ExperimentId);
        e.HasIndex(r => r.CreatedAt);
    }
}
