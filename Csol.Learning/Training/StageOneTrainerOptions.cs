namespace Csol.Learning.Training;

/// <summary>Where a stage-one run keeps its checkpoints and evaluation files, and whether it resumes from one.</summary>
public sealed record StageOneTrainerOptions
{
    /// <summary>Directory for <c>stage-one-e{epoch}.ckpt</c> + manifest files and <c>evaluation/</c>; null writes nothing.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>A checkpoint to continue from (its epoch + 1 is the first one trained). Its config must equal the run's,
    /// except <c>name</c> and <c>training.epochs</c>, so a finished run can be extended.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Called on the training thread just before a checkpoint is written. A host makes the metric points
    /// reported so far durable here: a resume keeps the points up to its checkpoint's step and replays the rest, so a
    /// checkpoint must never get ahead of the recorded history (a process killed in between would lose those points).</summary>
    public Action? BeforeCheckpoint { get; init; }
}
