using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Csol.Silo.Persistence.ResultRecords;

public sealed class LeaderboardEntryRowConfiguration : IEntityTypeConfiguration<LeaderboardEntryRow>
{
    public void Configure(EntityTypeBuilder<LeaderboardEntryRow> e)
    {
        e.ToTable("leaderboard_entries");
        // One row per board and experiment: the board keeps each experiment's best entry only.
        e.HasKey(r => new { r.Board, r.ExperimentId });
    }
}
