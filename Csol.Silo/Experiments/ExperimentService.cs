using Csol.Abstractions;
using Csol.Grains.Scheduling;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Experiments;

public sealed class ExperimentService(
    IGrainFactory grains,
    IExperimentRecords records,
    IOptions<CsolOptions> options,
    ILogger<ExperimentService> logger,
    Security.SubmittedPaths paths) : IExperimentService
{
    public async Task<IReadOnlyList<ExperimentTemplate>> ListTemplatesAsync(CancellationToken cancellationToken = default)
    {
        var folder = options.Value.ExperimentsPath;
        if (!Directory.Exists(folder))
            return [];
        var templates = new List<ExperimentTemplate>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            templates.Add(new ExperimentTemplate(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
        return templates;
    }

    public Task<QueueResult> QueueAsync(string configJson, string source, string? owner = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(configJson, source, owner, draft: false);

    public Task<QueueResult> SaveDraftAsync(string configJson, string source, string? owner = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(configJson, source, owner, draft: true);

    public async Task<QueueResult> QueueDraftAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var grain = grains.GetGrain<IExperimentGrain>(id);
        var draft = await grain.GetAsync();
        if (draft.Status != ExperimentStatus.Draft)
            return new QueueResult(null, [new ConfigProblem(draft.ConfigSource, "", $"experiment {id} is {draft.Status}, not a draft")]);
        // Checked again: the data or the cluster's devices may have changed since the draft was saved.
        var (config, errors) = await ValidateAsync(draft.ConfigJson, draft.ConfigSource);
        if (config is null)
            return new QueueResult(null, errors);
        var queued = await grain.QueueDraftAsync();
        await EnqueueAsync(id, queued.Name, config);
        return new QueueResult(id, []);
    }

    private async Task<QueueResult> SubmitAsync(string configJson, string source, string? owner, bool draft)
    {
        var (config, errors) = await ValidateAsync(configJson, source);
        if (config is null)
            return new QueueResult(null, errors);

        var id = Guid.NewGuid();
        var name = config.Name.Length > 0 ? config.Name : Path.GetFileNameWithoutExtension(source);
        await grains.GetGrain<IExperimentGrain>(id)
            .SubmitAsync(new ExperimentSubmission(name, ExperimentConfigLoader.ToJson(config with { Name = name }), source)
            {
                Priority = config.Priority,
                Group = config.Group,
                CodeVersion = CodeVersion.Current,
                Draft = draft,
                Kind = config.Kind,
                Owner = owner,
            });
        if (draft)
            logger.LogInformation("Saved experiment {Id} ({Name}) as a draft", id, name);
        else
            await EnqueueAsync(id, name, config);
        return new QueueResult(id, []);
    }

    /// <summary>The parsed config, or the problems that stop it from being queued (including no device that fits).</summary>
    private async Task<(ExperimentConfig? Config, IReadOnlyList<ConfigProblem> Errors)> ValidateAsync(string configJson, string source)
    {
        // Paths first: the config's own checks say whether a file exists, which must not be asked of outside paths.
        if (paths.Check(configJson, source) is { Count: > 0 } outside)
            return (null, outside.ToProblems());
        ExperimentConfig config;
        try
        {
            config = ExperimentConfigLoader.Parse(configJson, source);
        }
        catch (ExperimentConfigException e)
        {
            return (null, e.Errors.ToProblems());
        }

        var devices = await grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key).GetDevicesAsync();
        if (!devices.Any(d => DeviceMatching.Fits(config.Device, d)))
            return (null, [new ConfigProblem(source, "device",
                $"no device of this cluster can run \"{config.Device}\" (devices: "
                    + $"{string.Join(", ", devices.Select(d => $"{d.Key} ({d.Kind})"))}); " +
                "use \"auto\" or \"cpu\", or start a host that has one")]);
        return (config, []);
    }

    private async Task EnqueueAsync(Guid id, string name, ExperimentConfig config)
    {
        // Submitted first: a crash before the scheduler hears of it leaves a Queued experiment, which the host's next
        // start hands to the scheduler (SchedulerRegistration).
        Jobs.StartTimeline.Mark(id, Jobs.StartTimeline.Submitted);
        await grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key)
            .EnqueueAsync([new QueueEntry(id, name, config.Priority, DateTimeOffset.UtcNow, config.Device)]);
        logger.LogInformation("Queued experiment {Id} ({Name}) at priority {Priority}", id, name, config.Priority);
    }

    public Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        records.ListAsync(cancellationToken);

    public async Task<ExperimentSnapshot?> GetAsync(Guid id)
    {
        var snapshot = await grains.GetGrain<IExperimentGrain>(id).GetAsync();
        return snapshot.Status == ExperimentStatus.None ? null : snapshot;
    }

    public Task<IReadOnlyList<MetricPoint>> GetMetricsAsync(Guid id) =>
        grains.GetGrain<IExperimentGrain>(id).GetMetricsAsync();

    public async Task<ExperimentSnapshot> CancelAsync(Guid id)
    {
        var snapshot = await grains.GetGrain<IExperimentGrain>(id).CancelAsync();
        if (snapshot.Status == ExperimentStatus.Cancelled)
            await grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key).RemoveAsync(id);
        return snapshot;
    }

    public async Task<IAsyncDisposable> WatchAsync(Guid id, IExperimentWatcher watcher) =>
        await ExperimentWatch.StartAsync(grains, id, watcher);
}
