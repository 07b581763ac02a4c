using System.ComponentModel;
using Csol.Grains.Abstractions;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Hangfire;

namespace Csol.Silo.Jobs;

/// <summary>Runs one experiment's stage-one training and keeps its grain informed.</summary>
public sealed class StageOneTrainingJob(IGrainFactory grains, ILogger<StageOneTrainingJob> logger)
{
    /// <summary>How often metric batches go to the grain (and so how fast a cancel is noticed).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(500);

    // Retries come with checkpoint resume (a later issue); until then a failure is final and shown to the user.
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Train experiment {0}")]
    public async Task RunAsync(Guid experimentId, CancellationToken shutdown)
    {
        var grain = grains.GetGrain<IExperimentGrain>(experimentId);
        var lease = await grain.StartAsync();
        if (lease is null)
        {
            logger.LogInformation("Experiment {Id} is cancelled or finished; nothing to run", experimentId);
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var reporter = new MetricReporter(grain, cancel, ReportInterval);
        try
        {
            var config = ExperimentConfigLoader.Parse(lease.ConfigJson, $"experiment {experimentId}");
            var result = await Task.Run(() => new StageOneTrainer(config).Run(reporter.Add, cancel.Token), CancellationToken.None);
            await reporter.DisposeAsync();
            await grain.CompleteAsync(result.FinalMetrics);
            logger.LogInformation("Experiment {Id} completed in {Seconds:F1} s", experimentId, result.ElapsedSeconds);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The host is stopping: the experiment stays Running and Hangfire hands the job out again after restart.
            await reporter.DisposeAsync();
            throw;
        }
        catch (OperationCanceledException) when (reporter.CancelRequested)
        {
            await reporter.DisposeAsync();
            await grain.MarkCancelledAsync();
            logger.LogInformation("Experiment {Id} cancelled", experimentId);
        }
        catch (Exception ex)
        {
            await reporter.DisposeAsync();
            await grain.FailAsync(ex is ExperimentConfigException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
            logger.LogError(ex, "Experiment {Id} failed", experimentId);
            throw;
        }
    }
}
