using System.ComponentModel;
using Csol.Grains.Abstractions;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Silo.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Jobs;

/// <summary>Runs one experiment (any kind, through <see cref="ExperimentRunnerFactory"/>) and keeps its grain informed.</summary>
/// <remarks>Kinds that write files (pipeline) get <c>{DataDirectory}/runs/{experiment id}</c>, so a job handed out
/// again after a restart resumes from the finished steps.</remarks>
public sealed class StageOneTrainingJob(IGrainFactory grains, ILogger<StageOneTrainingJob> logger, IOptions<CsolOptions> options)
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
            var outputDirectory = Path.Combine(options.Value.DataPath, "runs", experimentId.ToString("N"));
            var runner = ExperimentRunnerFactory.Create(config, outputDirectory);
            var result = await Task.Run(() => runner.Run(reporter.Add, cancel.Token), CancellationToken.None);
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
