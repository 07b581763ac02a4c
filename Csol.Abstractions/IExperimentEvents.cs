namespace Csol.Abstractions;

/// <summary>Told by an experiment grain when its experiment finished (completed, failed or cancelled), after the
/// verdict is saved. The host files checkpoints, leaderboard entries and notifications from here.</summary>
public interface IExperimentEvents
{
    /// <summary>Returns what the grain should add to its lineage (the dataset id, once known).</summary>
    Task<ExperimentOutcome> OnFinishedAsync(ExperimentSnapshot snapshot);
}

/// <summary>What the results side learned about a finished experiment.</summary>
/// <param name="DatasetId">The dataset it trained on (<see cref="DatasetInfo.Id"/>), when known.</param>
public sealed record ExperimentOutcome(string? DatasetId)
{
    public static ExperimentOutcome None { get; } = new((string?)null);
}
