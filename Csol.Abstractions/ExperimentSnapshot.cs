namespace Csol.Abstractions;

/// <summary>What a reader sees of an experiment at one moment (its metric history is fetched apart).</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentSnapshot
{
    [Id(0)] public Guid Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    [Id(2)] public ExperimentStatus Status { get; init; }
    /// <summary>The validated config, as JSON in the shape users write.</summary>
    [Id(3)] public string ConfigJson { get; init; } = "";
    /// <summary>Where the config came from (a template file or the form).</summary>
    [Id(4)] public string ConfigSource { get; init; } = "";
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset? StartedAt { get; init; }
    [Id(7)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>How many times a job started this experiment (a restart after a crash counts again).</summary>
    [Id(8)] public int Attempts { get; init; }
    [Id(9)] public string? Error { get; init; }
    [Id(10)] public bool CancelRequested { get; init; }
    [Id(11)] public int LastStep { get; init; }
    [Id(12)] public int TotalSteps { get; init; }
    [Id(13)] public IReadOnlyDictionary<string, double> FinalMetrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Higher starts first among waiting experiments.</summary>
    [Id(14)] public int Priority { get; init; }
    /// <summary>The config's group (a sweep), if any.</summary>
    [Id(15)] public string? Group { get; init; }
    /// <summary>Lineage: the id of the dataset trained on (see <see cref="DatasetInfo.Id"/>), once known.</summary>
    [Id(16)] public string? DatasetId { get; init; }
    /// <summary>Lineage: the platform build that ran it (assembly informational version).</summary>
    [Id(17)] public string? CodeVersion { get; init; }
    /// <summary>Lineage: the checkpoint this run started from, if any.</summary>
    [Id(18)] public Guid? ParentCheckpointId { get; init; }
    /// <summary>The device (<see cref="DeviceInfo.Key"/>) running or last running it.</summary>
    [Id(19)] public string? Device { get; init; }
    /// <summary>Every attempt: the first start and each retry or restart, with the step it resumed from.</summary>
    [Id(20)] public IReadOnlyList<AttemptRecord> AttemptHistory { get; init; } = [];
    /// <summary>The config's kind (stage-one, pipeline, probe): the experiments table's stage column. Null for runs
    /// submitted before it was kept.</summary>
    [Id(21)] public string? Kind { get; init; }
    /// <summary>The user who queued or drafted it (Identity user name); null for runs from before sign-in existed,
    /// which only admins may manage.</summary>
    [Id(22)] public string? Owner { get; init; }
    /// <summary>Why its sweep's early-stopping rule stopped it (set with <see cref="ExperimentStatus.StoppedEarly"/>).</summary>
    [Id(23)] public string? StopReason { get; init; }
}
