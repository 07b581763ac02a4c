namespace Csol.Silo.Persistence.ResultRecords;

// Rows of the result tables. The record itself is stored as JSON; the columns beside it are what queries filter and sort on.

public sealed class CheckpointRow
{
    public Guid Id { get; set; }
    public Guid ExperimentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Deleted { get; set; }
    public required string Json { get; set; }
}

public sealed class DatasetRow
{
    public required string Id { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public required string Json { get; set; }
}

/// <summary>An experiment's best entry on one board (<c>{dataset}/{task}</c>).</summary>
public sealed class LeaderboardEntryRow
{
    public required string Board { get; set; }
    public Guid ExperimentId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string Json { get; set; }
}
