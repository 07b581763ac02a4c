using System.Security.Cryptography;
using System.Text;
using Csol.Abstractions;
using Csol.Grains.Results;
using Csol.Silo.Artifacts;
using Csol.Learning.Experiments;
using Csol.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Csol.Silo.ExperimentResults;

/// <summary>Files a finished experiment's results: its checkpoint files with retention applied, its best entry on the leaderboard of (dataset, task),
/// and the webhook.</summary>
/// <remarks>Runs inside the experiment grain's finishing call, so a reader that sees Completed a moment later also sees
/// its checkpoints and entry. Nothing here may fail the experiment: errors are logged.</remarks>
public sealed class ExperimentResultPublisher(
    IGrainFactory grains,
    WebhookNotifier webhook,
    IOptions<CsolOptions> csol,
    IOptions<CheckpointsOptions> retention,
    TimeProvider clock,
    IExperimentLog log,
    ILogger<ExperimentResultPublisher> logger) : IExperimentEvents
{
    public async Task<ExperimentOutcome> OnFinishedAsync(ExperimentSnapshot snapshot)
    {
        // Set by the experiment's preprocess step (DatasetLineage): no hashing here, inside a grain call.
        var datasetId = snapshot.DatasetId;
        try
        {
            var config = ExperimentConfigLoader.Parse(snapshot.ConfigJson, $"experiment {snapshot.Id}");
            if (snapshot.Status is ExperimentStatus.Completed or ExperimentStatus.StoppedEarly)
            {
                var kept = await FileCheckpointsAsync(snapshot);
                // A member its sweep stopped early has no test figures to rank.
                if (datasetId is not null && snapshot.Status == ExperimentStatus.Completed)
                    await SubmitAsync(snapshot, config, datasetId, kept);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Filing the results of experiment {Id} failed", snapshot.Id);
        }
        await webhook.NotifyAsync(snapshot);
        return new ExperimentOutcome(datasetId);
    }

    /// <summary>Registers every checkpoint of the run, deletes the files retention does not keep, returns the kept ones.</summary>
    private async Task<IReadOnlyList<CheckpointInfo>> FileCheckpointsAsync(ExperimentSnapshot snapshot)
    {
        var dataPath = csol.Value.DataPath;
        var found = RunCheckpoints.Find(RunFolders.Of(dataPath, snapshot.Id), dataPath, snapshot);
        // The epoch model selection chose (by training.selectBy or training.earlyStopping) is kept whatever it scores.
        int? selected = snapshot.FinalMetrics.TryGetValue("selected_epoch", out var e) ? (int)e : null;
        var keep = CheckpointRetention.Keep(found, retention.Value.KeepBest, retention.Value.Metric, selected);
        var kept = new List<CheckpointInfo>();
        foreach (var checkpoint in found)
        {
            var grain = grains.GetGrain<ICheckpointGrain>(checkpoint.Id);
            var registered = await grain.RegisterAsync(checkpoint);
            if (keep.Contains(checkpoint.Id))
            {
                kept.Add(registered);
                continue;
            }
            var file = Path.Combine(dataPath, checkpoint.Path);
            File.Delete(file);
            File.Delete(Learning.Checkpoints.CheckpointFile.ManifestPath(file));
            await grain.MarkDeletedAsync();
        }
        logger.LogInformation("Experiment {Id}: {Kept} of {Found} checkpoints kept", snapshot.Id, kept.Count, found.Count);
        if (found.Count > 0)
            await log.AppendAsync(snapshot.Id, ExperimentLogLine.Info,
                $"checkpoints written: {found.Count}; kept {string.Join(", ", kept.Select(c => $"{c.Stage} epoch {c.Epoch}"))}");
        return kept;
    }

    private async Task SubmitAsync(ExperimentSnapshot snapshot, ExperimentConfig config, string datasetId, IReadOnlyList<CheckpointInfo> kept)
    {
        if (config.Kind == ExperimentKinds.Evaluation)
        {
            await SubmitEvaluationAsync(snapshot, config, datasetId);
            return;
        }
        if (LeaderboardTasks.ForKind(config.Kind) is not { } task)
            return;
        // Every board holds test figures (LeaderboardKey.FiguresSplit). Stage one's are scored once at the epoch its
        // validation chose, and that epoch's checkpoint is the entry's; a run without them (resumed with nothing left
        // to train) is not filed rather than ranked on a validation figure. The pipeline files its final evaluation,
        // whose network is the duet-fine-tuned checkpoint when the pipeline has that step, else stage two's; the
        // detection kind its detector trained on the pseudo-boxes (not stage two's network, nor the true-box upper bound).
        var stage = task == LeaderboardKey.SingleSource ? "stage-one"
            : task == LeaderboardKey.Detection ? RunCheckpoints.DetectionStage
            : kept.Any(c => c.Stage == RunCheckpoints.DuetStage) ? RunCheckpoints.DuetStage : "stage-two";
        var checkpointId = task == LeaderboardKey.SingleSource
            ? kept.FirstOrDefault(c => c.Stage == stage && c.Epoch == SelectedEpoch(snapshot))?.Id
            : kept.Where(c => c.Stage == stage).MaxBy(c => c.Epoch)?.Id;
        if (LeaderboardTasks.Extract(task, snapshot.FinalMetrics) is not { } values)
        {
            await log.AppendAsync(snapshot.Id, ExperimentLogLine.Info,
                $"not on the {task} board: no {LeaderboardTasks.RankingMetric(task)} figure from the {LeaderboardKey.FiguresSplit} split");
            return;
        }
        await FileEntryAsync(snapshot, config, datasetId, task, checkpointId, values);
    }

    private static int SelectedEpoch(ExperimentSnapshot snapshot) =>
        snapshot.FinalMetrics.TryGetValue("selected_epoch", out var epoch) ? (int)epoch : -1;

    /// <summary>An evaluation ranks its scores of the parent checkpoint on the board of the dataset it scored: single-source
    /// for a stage-one checkpoint (its test_* figures), multi-source for stage two.</summary>
    private async Task SubmitEvaluationAsync(ExperimentSnapshot snapshot, ExperimentConfig config, string datasetId)
    {
        var task = config.Evaluation.Stage == "stage-two" ? LeaderboardKey.MultiSource : LeaderboardKey.SingleSource;
        if (LeaderboardTasks.Extract(task, snapshot.FinalMetrics) is { } values)
            await FileEntryAsync(snapshot, config, datasetId, task, snapshot.ParentCheckpointId, values);
    }

    private async Task FileEntryAsync(ExperimentSnapshot snapshot, ExperimentConfig config, string datasetId, string task, Guid? checkpointId,
        (Dictionary<string, double> Metrics, Dictionary<string, double> PerClass) values)
    {
        var entry = new LeaderboardEntry(snapshot.Id, snapshot.Name, checkpointId, values.Metrics, values.PerClass, clock.GetUtcNow(),
            SweepId(snapshot.Group))
        {
            SeedGroup = Export.SeedFingerprint.Of(config),
        };
        var dataset = await grains.GetGrain<IDatasetGrain>(datasetId).GetAsync();
        await grains.GetGrain<ILeaderboardGrain>(new LeaderboardKey(datasetId, task).ToString()).SubmitAsync(entry, dataset?.Name ?? datasetId);
    }

    /// <summary>A sweep is a group; its id is derived from the group's name, so every member carries the same one.</summary>
    public static Guid? SweepId(string? group) =>
        string.IsNullOrEmpty(group) ? null : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("sweep:" + group)).AsSpan(0, 16));
}
