using System.ComponentModel;
using System.Text.Json;
using Csol.Abstractions;
using Csol.Grains.Scheduling;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Csol.Silo.Artifacts;
using Csol.Silo.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Jobs;

/// <summary>Runs one step of an experiment on the device the scheduler gave it, keeps the experiment grain informed,
/// then asks the scheduler for what comes next: the following step, a retry, or the device's next experiment.</summary>
/// <remarks>Outputs live in <c>{DataDirectory}/runs/{experiment id}</c>; every step resumes from what is there (stage
/// one from its newest epoch checkpoint), so retries and jobs re-dispatched after a crash continue rather than restart.
/// Retries are ours, not Hangfire's: a Hangfire retry would come back on the default queue, not the device's.</remarks>
public sealed class ExperimentStepJob(
    IGrainFactory grains,
    IOptions<CsolOptions> options,
    IOptions<JobsOptions> jobs,
    DatasetLineage lineage,
    IExperimentLog log,
    ILogger<ExperimentStepJob> logger)
{
    /// <summary>How often metric batches go to the grain (and so how fast a cancel is noticed).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(500);

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Experiment {0}")]
    public async Task RunAsync(JobTicket ticket, CancellationToken shutdown)
    {
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
        if (!await scheduler.ClaimAsync(ticket))
        {
            logger.LogInformation("Stale job for experiment {Id} step {Step}: dispatched again since; nothing to do", ticket.ExperimentId, ticket.Step);
            return;
        }
        var grain = grains.GetGrain<IExperimentGrain>(ticket.ExperimentId);
        var snapshot = await grain.GetAsync();
        ExperimentConfig config;
        ExperimentSteps steps;
        int resumeFrom;
        try
        {
            config = ExperimentConfigLoader.Parse(snapshot.ConfigJson, $"experiment {ticket.ExperimentId}");
            if (config.Device is "auto" or DeviceInfo.Cuda)
                config = config with { Device = DeviceMatching.TorchDevice(ticket.Device) };
            steps = new ExperimentSteps(config, RunFolders.Of(options.Value.DataPath, ticket.ExperimentId));
            resumeFrom = steps.ResumePoint(ticket.Step);
        }
        catch (Exception e) when (e is ExperimentConfigException or IOException or InvalidDataException or JsonException)
        {
            // A config that no longer parses, or a run folder that cannot be read: retrying would not help.
            await grain.FailAsync(e is ExperimentConfigException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            await scheduler.ReleaseAsync(ticket);
            return;
        }

        var stepName = steps.Names[ticket.Step];
        var lease = await grain.StartAsync(new ExperimentStart(ticket.Step, stepName, resumeFrom, ticket.Device.Key));
        if (lease is null)
        {
            logger.LogInformation("Experiment {Id} is cancelled or finished; its device is free", ticket.ExperimentId);
            await scheduler.ReleaseAsync(ticket);
            return;
        }

        await log.AppendAsync(ticket.ExperimentId, ExperimentLogLine.Info, $"{stepName} attempt {lease.StepAttempt} on {ticket.Device.Key}: " +
            (resumeFrom > 0 ? $"resumed from step {resumeFrom}" : "started"));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var reporter = new MetricReporter(grain, cancel, ReportInterval);
        steps.BeforeCheckpoint = reporter.Flush;
        try
        {
            var result = await Task.Run(() => steps.Run(ticket.Step, lease.StepAttempt, reporter.Add, cancel.Token), CancellationToken.None);
            await reporter.DisposeAsync();
            if (steps.IsPreprocess(ticket.Step))
                await lineage.RecordAsync(config, ticket.ExperimentId);
            await log.AppendAsync(ticket.ExperimentId, ExperimentLogLine.Info, $"{stepName} finished");
            if (ticket.Step < steps.Names.Count - 1)
            {
                await scheduler.AdvanceAsync(ticket);
                return;
            }
            await grain.CompleteAsync(result.FinalMetrics);
            await scheduler.ReleaseAsync(ticket);
            logger.LogInformation("Experiment {Id} completed", ticket.ExperimentId);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The host is stopping: the experiment stays Running; the host's next start dispatches this step again.
            await reporter.DisposeAsync();
            throw;
        }
        catch (OperationCanceledException) when (reporter.CancelRequested)
        {
            await reporter.DisposeAsync();
            await log.AppendAsync(ticket.ExperimentId, ExperimentLogLine.Info, $"{stepName} cancelled");
            await grain.MarkCancelledAsync();
            await scheduler.ReleaseAsync(ticket);
            logger.LogInformation("Experiment {Id} cancelled", ticket.ExperimentId);
        }
        catch (Exception ex)
        {
            await reporter.DisposeAsync();
            var error = ex is ExperimentConfigException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            // Missing or broken data will not mend itself on a retry: preprocess fails the experiment at once.
            var badData = steps.IsPreprocess(ticket.Step) && ex is InvalidDataException or IOException or ExperimentConfigException;
            if (badData)
                error = $"{ExperimentSteps.PreprocessStep}: {error}";
            var retry = ex is not ExperimentConfigException && !badData && lease.StepAttempt < jobs.Value.MaxAttempts;
            await log.AppendAsync(ticket.ExperimentId, retry ? ExperimentLogLine.Warning : ExperimentLogLine.Error,
                $"{stepName} attempt {lease.StepAttempt} failed: {error}" + (retry ? "; trying again" : ""));
            if (retry)
            {
                logger.LogWarning(ex, "Experiment {Id} step {Step} attempt {Attempt} failed; trying again", ticket.ExperimentId, stepName, lease.StepAttempt);
                await grain.RecordFailedAttemptAsync(error);
                await scheduler.RetryAsync(ticket);
            }
            else
            {
                logger.LogError(ex, "Experiment {Id} failed", ticket.ExperimentId);
                await grain.FailAsync(error);
                await scheduler.ReleaseAsync(ticket);
            }
            throw;
        }
    }
}
