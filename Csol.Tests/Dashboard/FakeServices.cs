using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Tests.Dashboard;

// Small in-memory test doubles of the service faces, for component logic only (the real services are tested on the host).

internal sealed class FakeExperimentService : IExperimentService
{
    public List<ExperimentSnapshot> Snapshots { get; } = [];
    public Dictionary<Guid, List<MetricPoint>> Metrics { get; } = [];
    public List<Guid> Cancelled { get; } = [];
    public List<Guid> DraftsQueued { get; } = [];

    public Task<IReadOnlyList<ExperimentTemplate>> ListTemplatesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentTemplate>>([]);

    public Task<QueueResult> QueueAsync(string configJson, string source, string? owner = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public List<string> DraftsSaved { get; } = [];

    public Task<QueueResult> SaveDraftAsync(string configJson, string source, string? owner = null, CancellationToken cancellationToken = default)
    {
        DraftsSaved.Add(configJson);
        var draft = Snapshot("draft", 0, ExperimentStatus.Draft, config: configJson);
        Snapshots.Add(draft);
        return Task.FromResult(new QueueResult(draft.Id, []));
    }

    public Task<QueueResult> QueueDraftAsync(Guid id, CancellationToken cancellationToken = default)
    {
        DraftsQueued.Add(id);
        var index = Snapshots.FindIndex(s => s.Id == id);
        Snapshots[index] = Snapshots[index] with { Status = ExperimentStatus.Queued };
        return Task.FromResult(new QueueResult(id, []));
    }

    public Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentSummary>>(Snapshots.Select(s =>
            new ExperimentSummary(s.Id, s.Name, s.Status, s.CreatedAt, s.StartedAt, s.FinishedAt, s.FinalMetrics)
            {
                Priority = s.Priority, Group = s.Group, DatasetId = s.DatasetId, Device = s.Device,
            }).ToArray());

    public Task<ExperimentSnapshot?> GetAsync(Guid id) => Task.FromResult(Snapshots.FirstOrDefault(s => s.Id == id));

    public Task<IReadOnlyList<MetricPoint>> GetMetricsAsync(Guid id) =>
        Task.FromResult<IReadOnlyList<MetricPoint>>(Metrics.GetValueOrDefault(id) ?? []);

    public Task<ExperimentSnapshot> CancelAsync(Guid id)
    {
        Cancelled.Add(id);
        return Task.FromResult(Snapshots.FirstOrDefault(s => s.Id == id) ?? new ExperimentSnapshot { Id = id });
    }

    public Task<IAsyncDisposable> WatchAsync(Guid id, IExperimentWatcher watcher) => Task.FromResult<IAsyncDisposable>(new Nothing());

    public static ExperimentSnapshot Snapshot(string name, int minutesAgo, ExperimentStatus status = ExperimentStatus.Completed,
        string? group = null, IReadOnlyDictionary<string, double>? metrics = null, string config = "{}") => new()
        {
            Id = Guid.NewGuid(), Name = name, Status = status, Group = group, ConfigJson = config,
            CreatedAt = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).AddMinutes(-minutesAgo),
            FinalMetrics = metrics ?? new Dictionary<string, double>(),
        };

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

internal sealed class FakeQueueService(QueueView view) : IQueueService
{
    public QueueView View { get; set; } = view;
    public List<(Guid Id, int Position)> Moves { get; } = [];
    public List<(Guid Id, int Priority)> Priorities { get; } = [];

    public Task<QueueView> GetQueueAsync() => Task.FromResult(View);

    public Task<bool> SetPriorityAsync(Guid experimentId, int priority)
    {
        Priorities.Add((experimentId, priority));
        return Task.FromResult(View.Waiting.Any(w => w.ExperimentId == experimentId));
    }

    public Task<bool> MoveAsync(Guid experimentId, int position)
    {
        Moves.Add((experimentId, position));
        var waiting = View.Waiting.ToList();
        var entry = waiting.FirstOrDefault(w => w.ExperimentId == experimentId);
        if (entry is null)
            return Task.FromResult(false);
        waiting.Remove(entry);
        waiting.Insert(position, entry);
        View = View with { Waiting = waiting };
        return Task.FromResult(true);
    }
}

internal sealed class FakeLeaderboardService(params Leaderboard[] boards) : ILeaderboardService
{
    public Task<IReadOnlyList<LeaderboardKey>> ListAsync() => Task.FromResult<IReadOnlyList<LeaderboardKey>>(boards.Select(b => b.Key).ToArray());

    public Task<Leaderboard?> GetAsync(LeaderboardKey key) => Task.FromResult(boards.FirstOrDefault(b => b.Key == key));

    public Task<string?> ExportAsync(LeaderboardKey key, string format, bool aggregateSeeds) =>
        Task.FromResult<string?>(boards.Any(b => b.Key == key) ? $"{format} of {key}{(aggregateSeeds ? " by seed" : "")}" : null);
}

internal sealed class FakeDatasetService(DatasetInfo dataset, IReadOnlyList<DatasetSample> samples) : IDatasetService
{
    public Task<IReadOnlyList<DatasetInfo>> ListAsync() => Task.FromResult<IReadOnlyList<DatasetInfo>>([dataset]);

    public Task<DatasetInfo?> GetAsync(string datasetId) => Task.FromResult(datasetId == dataset.Id ? dataset : null);

    public Task<DatasetInfo> RegisterAsync(string path, string? name = null) => throw new NotSupportedException();

    public Task<IReadOnlyList<DatasetSample>> GetSamplesAsync(string datasetId, int count) =>
        Task.FromResult<IReadOnlyList<DatasetSample>>(samples.Take(count).ToArray());
}

internal sealed class FakeArtifacts(Guid experiment, ImageMaps maps, IReadOnlyDictionary<string, ImageMaps>? epochs = null) : IExperimentArtifacts
{
    public Task<IReadOnlyList<MapsEvaluation>> ListEvaluationsAsync(Guid experimentId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MapsEvaluation>>(experimentId != experiment ? [] :
        [
            new MapsEvaluation(MapsEvaluation.FinalKey, "Final", null),
            .. (epochs ?? new Dictionary<string, ImageMaps>()).Keys.Order().Select(k => new MapsEvaluation(k, $"Epoch {k}", int.Parse(k[1..]))),
        ]);

    public Task<IReadOnlyList<VisualizedImage>> ListImagesAsync(Guid experimentId, string? evaluation = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<VisualizedImage>>(experimentId == experiment && Of(evaluation) is { } m
            ? [new VisualizedImage(m.Index, m.FrameUrl, m.Sounding, m.CIoU)] : []);

    public Task<ImageMaps?> GetMapsAsync(Guid experimentId, int image, string? evaluation = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(experimentId == experiment && Of(evaluation) is { } m && image == m.Index ? m : null);

    private ImageMaps? Of(string? evaluation) => evaluation is null or MapsEvaluation.FinalKey ? maps : epochs?.GetValueOrDefault(evaluation);
}
