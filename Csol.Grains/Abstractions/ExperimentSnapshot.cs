namespace Csol.Grains.Abstractions;

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
}
