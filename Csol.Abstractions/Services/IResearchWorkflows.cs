namespace Csol.Abstractions.Services;

/// <summary>Workflows that make experiments from existing ones: a registered checkpoint evaluated on a dataset's split,
/// and an experiment repeated with other seeds. Every refusal names its reason, and a refused request queues nothing.</summary>
public interface IResearchWorkflows
{
    /// <summary>The splits of a registered dataset a checkpoint can be scored on, for the "Evaluate on…" dialog;
    /// empty for an unknown checkpoint or dataset.</summary>
    Task<IReadOnlyList<EvaluationSplit>> ListSplitsAsync(Guid checkpointId, string datasetId);

    /// <summary>Queues an experiment of kind <c>evaluation</c> scoring the checkpoint on the dataset's split (default:
    /// the split its own run was scored on), with the checkpoint as its parent.</summary>
    Task<WorkflowResult> EvaluateAsync(Guid checkpointId, string datasetId, string? split, string? owner);

    /// <summary>Queues a copy of the experiment's config per seed (same group, named <c>{name}-seed{n}</c>).</summary>
    Task<WorkflowResult> RepeatWithSeedsAsync(Guid experimentId, IReadOnlyList<int> seeds, string? owner);
}

/// <summary>A split of a dataset: its path under the dataset (a file such as <c>duettest.json</c>, a folder such as
/// <c>synthetic/test</c>, or <c>test</c> for a generated set) and the leaderboard task it scores.</summary>
public sealed record EvaluationSplit(string Name, string Task, bool Usable, string? Why);

/// <summary>What a workflow queued, or why it queued nothing (<see cref="NotFound"/>: the checkpoint or experiment
/// named does not exist).</summary>
public sealed record WorkflowResult(IReadOnlyList<Guid> ExperimentIds, IReadOnlyList<ConfigProblem> Errors, bool NotFound = false)
{
    public bool Queued => ExperimentIds.Count > 0;

    public static WorkflowResult Refused(string source, string field, string message, bool notFound = false) =>
        new([], [new ConfigProblem(source, field, message)], notFound);
}
