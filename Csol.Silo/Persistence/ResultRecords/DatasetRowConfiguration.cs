using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Csol.Silo.Persistence.ResultRecords;

public sealed class DatasetRowConfiguration : IEntityTypeConfiguration<DatasetRow>
{
    public void Configure(EntityTypeBuilder<DatasetRow> e)
    {
        e.ToTable("datasets");
        e.HasKey(r => r.Id);
    }
}
