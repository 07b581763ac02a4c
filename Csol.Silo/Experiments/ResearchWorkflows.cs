using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Silo.Artifacts;
using Csol.Silo.Datasets;
using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Experiments;

/// <summary>Evaluate a registered checkpoint on a dataset's split, and repeat an experiment with other seeds. Both build
/// ordinary configs and queue them through <see cref="ExperimentService"/>, so they run as queued jobs like any other.</summary>
public sealed class ResearchWorkflows(
    IGrainFactory grains,
    ExperimentService experiments,
    DatasetService datasets,
    IOptions<CsolOptions> csol) : IResearchWorkflows
{
    private const string ProceduralSplit = "test";

    public async Task<IReadOnlyList<EvaluationSplit>> ListSplitsAsync(Guid checkpointId, string datasetId)
    {
        if (await ResolveAsync(checkpointId, datasetId) is not { Target: { } target })
            return [];
        var names = target.Folder is { } folder ? EvaluationSplits.Candidates(folder) : [ProceduralSplit];
        return names.Select(name =>
        {
            var (task, problem) = Split(target, name);
            return new EvaluationSplit(name, task ?? "", problem is null, problem);
        }).ToList();
    }

    public async Task<WorkflowResult> EvaluateAsync(Guid checkpointId, string datasetId, string? split, string? owner)
    {
        var resolved = await ResolveAsync(checkpointId, datasetId);
        if (resolved.Refusal is { } refusal)
            return refusal;
        var target = resolved.Target!;
        var name = string.IsNullOrWhiteSpace(split) ? DefaultSplit(target) : split.Trim();
        var (_, problem) = Split(target, name);
        if (problem is not null)
            return WorkflowResult.Refused(Source(checkpointId), "split", problem);
        var config = EvaluationConfigFor(target, name);
        var queued = await experiments.QueueFromCheckpointAsync(ExperimentConfigLoader.ToJson(config), Source(checkpointId), owner, checkpointId);
        return queued.ExperimentId is { } id ? new WorkflowResult([id], []) : new WorkflowResult([], queued.Errors);
    }

    public async Task<WorkflowResult> RepeatWithSeedsAsync(Guid experimentId, IReadOnlyList<int> seeds, string? owner)
    {
        var source = $"experiment {experimentId}";
        if (await experiments.GetAsync(experimentId) is not { } snapshot)
            return WorkflowResult.Refused(source, "experiment", $"no experiment {experimentId}", notFound: true);
        var config = ExperimentConfigLoader.Parse(snapshot.ConfigJson, source);
        if (seeds.Count == 0)
            return WorkflowResult.Refused(source, "seeds", "give at least one seed, e.g. 2,3");
        if (seeds.FirstOrDefault(s => s < 0) is var negative && negative < 0)
            return WorkflowResult.Refused(source, "seeds", $"seeds are 0 or more, got {negative}");
        if (seeds.Distinct().Count() != seeds.Count || seeds.Contains(config.Seed))
            return WorkflowResult.Refused(source, "seeds",
                $"each seed once, and not the experiment's own seed {config.Seed}; got {string.Join(",", seeds)}");
        if (config.Kind == ExperimentKinds.Evaluation)
            return WorkflowResult.Refused(source, "seeds", "an evaluation trains nothing: repeat the experiment that made its checkpoint");
        var ids = new List<Guid>();
        foreach (var seed in seeds)
        {
            var copy = config with { Seed = seed, Name = Shorten($"{snapshot.Name}-seed{seed}") };
            var queued = await experiments.QueueAsync(ExperimentConfigLoader.ToJson(copy), $"{source} seed {seed}", owner);
            if (queued.ExperimentId is not { } id)
                return new WorkflowResult(ids, queued.Errors); // only a device change could refuse a copy of a queued config
            ids.Add(id);
        }
        return new WorkflowResult(ids, []);
    }

    /// <summary>A checkpoint with its run's config, and the dataset it is to be scored on.</summary>
    private sealed record Target(CheckpointInfo Checkpoint, ExperimentSnapshot Parent, ExperimentConfig Config, DatasetInfo Dataset, string? Folder);

    private async Task<(Target? Target, WorkflowResult? Refusal)> ResolveAsync(Guid checkpointId, string datasetId)
    {
        var source = Source(checkpointId);
        if (await grains.GetGrain<ICheckpointGrain>(checkpointId).GetAsync() is not { } checkpoint)
            return (null, WorkflowResult.Refused(source, "checkpoint", $"no checkpoint {checkpointId} is registered", notFound: true));
        if (checkpoint.Deleted)
            return (null, WorkflowResult.Refused(source, "checkpoint",
                $"checkpoint {checkpointId} ({checkpoint.Stage} epoch {checkpoint.Epoch}) was removed by retention or a delete; "
                + "evaluate a kept one"));
        var parent = await grains.GetGrain<IExperimentGrain>(checkpoint.ExperimentId).GetAsync();
        var config = ExperimentConfigLoader.Parse(parent.ConfigJson, $"experiment {checkpoint.ExperimentId}");
        if (string.IsNullOrWhiteSpace(datasetId) || await datasets.GetAsync(datasetId) is not { } dataset)
            return (null, WorkflowResult.Refused(source, "dataset",
                $"unknown dataset \"{datasetId}\" (csol dataset list shows the registered ones)"));
        if (dataset.Path.Length == 0)
        {
            // A generated set has no files: only the config that generated it can make it again.
            if (dataset.Id != parent.DatasetId)
                return (null, WorkflowResult.Refused(source, "dataset",
                    $"\"{dataset.Name}\" is generated, not stored: only the run that trained on it can generate it again; "
                    + "evaluate on a folder dataset"));
            return (new Target(checkpoint, parent, config, dataset, null), null);
        }
        if (datasets.Folder(dataset) is not { } folder)
            return (null, WorkflowResult.Refused(source, "dataset", $"dataset \"{dataset.Name}\": its folder {dataset.Path} is gone"));
        return (new Target(checkpoint, parent, config, dataset, folder), null);
    }

    /// <summary>The task the split scores, or why this checkpoint cannot be scored on it.</summary>
    private static (string? Task, string? Problem) Split(Target target, string split)
    {
        var stageOne = target.Checkpoint.Stage == "stage-one";
        if (target.Folder is null)
            return split == ProceduralSplit
                ? (stageOne ? LeaderboardKey.SingleSource : LeaderboardKey.MultiSource, null)
                : (null, $"split \"{split}\" is missing from the dataset: a generated set has only \"{ProceduralSplit}\"");
        var (task, problem) = EvaluationSplits.Classify(target.Folder, split);
        if (problem is not null)
            return (null, problem);
        if (stageOne && task == LeaderboardKey.MultiSource)
            return (null, $"a stage-one checkpoint has no class-aware maps, so it is scored on single-source splits (one sounding object per "
                + $"frame, such as solotest.json); \"{split}\" is multi-source. Evaluate the run's stage-two checkpoint on it");
        if (!stageOne && task == LeaderboardKey.SingleSource)
            return (null, $"a stage-two checkpoint is scored on multi-source splits (duettest.json, synthetic/test); \"{split}\" has one "
                + "sounding object per frame. Evaluate the run's stage-one checkpoint on it");
        return (task, null);
    }

    private static string DefaultSplit(Target target) => target.Folder is null ? ProceduralSplit
        : target.Checkpoint.Stage == "stage-one" ? target.Config.Data.TestAnnotations
        : target.Config.StageTwo.TestAnnotations ?? target.Config.StageTwo.TestFolder;

    /// <summary>The checkpoint's own config with the dataset's split as its test set: the model fields must be the ones the
    /// checkpoint was trained with, and thresholds stay those its run was scored with.</summary>
    private ExperimentConfig EvaluationConfigFor(Target target, string split)
    {
        var config = target.Config;
        var stageOne = target.Checkpoint.Stage == "stage-one";
        var data = config.Data;
        var stageTwo = config.StageTwo;
        if (target.Folder is { } folder)
        {
            data = data with { Source = ProceduralDataConfig.MusicSource, Root = folder };
            if (stageOne)
                data = data with { TestAnnotations = split };
            else if (Directory.Exists(Path.Combine(folder, split)))
                stageTwo = stageTwo with { TestFolder = split, TestAnnotations = null };
            else
                stageTwo = stageTwo with { TestAnnotations = split };
        }
        var run = RunFolders.Of(csol.Value.DataPath, target.Checkpoint.ExperimentId);
        return config with
        {
            Kind = ExperimentKinds.Evaluation,
            Name = Shorten($"{target.Parent.Name} {target.Checkpoint.Stage} e{target.Checkpoint.Epoch} on {target.Dataset.Name} {split}"),
            Group = null,
            Priority = config.Priority,
            SweepEarlyStopping = null,
            Training = config.Training with { EarlyStopping = null },
            Data = data,
            StageTwo = stageTwo,
            Evaluation = config.Evaluation with
            {
                Checkpoint = Path.Combine(csol.Value.DataPath, target.Checkpoint.Path),
                Stage = target.Checkpoint.Stage,
                Matching = stageOne ? null : Path.Combine(run, Learning.Evaluation.MatchingFile.FileName),
            },
        };
    }

    private static string Source(Guid checkpointId) => $"checkpoint {checkpointId}";

    private static string Shorten(string name) => name.Length <= 100 ? name : name[..100];
}
