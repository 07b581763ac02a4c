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

/// <summary>Runs one step of an experiment on the device the scheduler gave it, in a child process of its own (see
/// <see cref="StepSupervisor"/>), keeps the experiment grain informed, then asks the scheduler for what comes next: the
/// following step, a retry, or the device's next experiment.</summary>
/// <remarks>Outputs live in <c>{DataDirectory}/runs/{experiment id}</c>; every step resumes from what is there (stage
/// one from its newest epoch checkpoint), so retries, and jobs re-dispatched after the child or the host died, continue
/// rather than restart. Retries are ours, not Hangfire's: a Hangfire retry would come back on the default queue, not the
/// device's. The host itself runs no torch work: a crash in the step takes down only its child.</remarks>
public sealed class ExperimentStepJob(
    IGrainFactory grains,
    IOptions<CsolOptions> options,
    IOptions<JobsOptions> jobs,
    DatasetLineage lineage,
    IExperimentLog log,
    StepSupervisor supervisor,
    ILogger<ExperimentStepJob> logger)
{
    /// <summary>How often metric batches go to the grain (and so how fast a cancel is noticed).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(500);

    private ISchedulerGrain Scheduler => grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

    /// <summary>What the job knows once the experiment's config has been read.</summary>
    private sealed record PreparedStep(JobTicket Ticket, IExperimentGrain Grain, ExperimentConfig Config, ExperimentSteps Steps,
        string RunDirectory, string ConfigJson, int ResumeFrom)
    {
        public string Name => Steps.Names[Ticket.Step];
    }

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Experiment {0}")]
    public async Task RunAsync(JobTicket ticket, CancellationToken shutdown)
    {
        StartTimeline.Mark(ticket.ExperimentId, StartTimeline.Fetched);
        if (!await Scheduler.ClaimAsync(ticket))
        {
            logger.LogInformation("Stale job for experiment {Id} step {Step}: dispatched again since; nothing to do", ticket.ExperimentId,
                ticket.Step);
            return;
        }
        if (await PrepareAsync(ticket) is not { } step || await StartAttemptAsync(step) is not { } lease)
            return;

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var reporter = new MetricReporter(step.Grain, cancel, ReportInterval);
        StepOutcome outcome;
        try
        {
            outcome = await supervisor.RunAsync(Launch(step, lease), reporter, cancel.Token);
        }
        finally
        {
            await reporter.DisposeAsync(); // every point the child reported is stored before anything below
        }
        switch (outcome.End)
        {
            case StepOutcome.Ending.Succeeded:
                await FinishStepAsync(step, outcome.Result!);
                break;
            case StepOutcome.Ending.Stopped when shutdown.IsCancellationRequested:
                // The host is stopping: the experiment stays Running; the host's next start dispatches this step again.
                throw new OperationCanceledException(shutdown);
            case StepOutcome.Ending.Stopped:
                await CancelledAsync(step);
                break;
            default:
                await FailAttemptAsync(step, lease, outcome);
                // Hangfire shows the job Failed, with the error; it does not retry it (see the class remarks).
                throw new StepFailedException($"{step.Name} attempt {lease.StepAttempt} failed: {outcome.Error}");
        }
    }

    /// <summary>Reads the config and the run folder's resume point. A config that no longer parses, or a run folder that
    /// cannot be read, fails the experiment: retrying would not help.</summary>
    private async Task<PreparedStep?> PrepareAsync(JobTicket ticket)
    {
        var grain = grains.GetGrain<IExperimentGrain>(ticket.ExperimentId);
        var snapshot = await grain.GetAsync();
        try
        {
            var config = StepChild.ForDevice(ExperimentConfigLoader.Parse(snapshot.ConfigJson, $"experiment {ticket.ExperimentId}"),
                DeviceMatching.TorchDevice(ticket.Device));
            var runDirectory = RunFolders.Of(options.Value.DataPath, ticket.ExperimentId);
            var steps = new ExperimentSteps(config, runDirectory);
            var prepared = new PreparedStep(ticket, grain, config, steps, runDirectory, snapshot.ConfigJson, steps.ResumePoint(ticket.Step));
            StartTimeline.Mark(ticket.ExperimentId, StartTimeline.Prepared);
            return prepared;
        }
        catch (Exception e) when (e is ExperimentConfigException or IOException or InvalidDataException or JsonException)
        {
            await grain.FailAsync(e is ExperimentConfigException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            await Scheduler.ReleaseAsync(ticket);
            return null;
        }
    }

    /// <summary>Tells the grain the attempt starts (it drops points past the resume point); null when the experiment was
    /// cancelled or finished meanwhile, and the device is released.</summary>
    private async Task<ExperimentLease?> StartAttemptAsync(PreparedStep step)
    {
        var lease = await step.Grain.StartAsync(new ExperimentStart(step.Ticket.Step, step.Name, step.ResumeFrom, step.Ticket.Device.Key));
        if (lease is null)
        {
            logger.LogInformation("Experiment {Id} is cancelled or finished; its device is free", step.Ticket.ExperimentId);
            await Scheduler.ReleaseAsync(step.Ticket);
            return null;
        }
        StartTimeline.Mark(step.Ticket.ExperimentId, StartTimeline.Started);
        await log.AppendAsync(step.Ticket.ExperimentId, ExperimentLogLine.Info,
            $"{step.Name} attempt {lease.StepAttempt} on {step.Ticket.Device.Key}: " +
            (step.ResumeFrom > 0 ? $"resumed from step {step.ResumeFrom}" : "started"));
        return lease;
    }

    private static StepLaunch Launch(PreparedStep step, ExperimentLease lease) => new(step.Ticket.ExperimentId, step.Name, step.Ticket.Step,
        lease.StepAttempt, step.RunDirectory, DeviceMatching.TorchDevice(step.Ticket.Device), step.ConfigJson);

    /// <summary>The step's work is done: the host's part of preprocess (lineage), then the next step or the end.</summary>
    private async Task FinishStepAsync(PreparedStep step, TrainingResult result)
    {
        if (step.Steps.IsPreprocess(step.Ticket.Step))
            await lineage.RecordAsync(step.Config, step.Ticket.ExperimentId);
        await log.AppendAsync(step.Ticket.ExperimentId, ExperimentLogLine.Info, $"{step.Name} finished");
        if (step.Ticket.Step < step.Steps.Names.Count - 1)
        {
            await Scheduler.AdvanceAsync(step.Ticket);
            return;
        }
        await step.Grain.CompleteAsync(result.FinalMetrics);
        await Scheduler.ReleaseAsync(step.Ticket);
        logger.LogInformation("Experiment {Id} completed", step.Ticket.ExperimentId);
    }

    private async Task CancelledAsync(PreparedStep step)
    {
        await log.AppendAsync(step.Ticket.ExperimentId, ExperimentLogLine.Info, $"{step.Name} cancelled");
        await step.Grain.MarkCancelledAsync();
        await Scheduler.ReleaseAsync(step.Ticket);
        logger.LogInformation("Experiment {Id} cancelled", step.Ticket.ExperimentId);
    }

    /// <summary>Retries the step (from its newest checkpoint) unless attempts are used up or a retry cannot help (a bad
    /// config, broken data in preprocess); otherwise fails the experiment with the error.</summary>
    private async Task FailAttemptAsync(PreparedStep step, ExperimentLease lease, StepOutcome outcome)
    {
        var error = outcome.Error!;
        var retry = outcome.Kind == StepMessage.ErrorKind && lease.StepAttempt < jobs.Value.MaxAttempts;
        await log.AppendAsync(step.Ticket.ExperimentId, retry ? ExperimentLogLine.Warning : ExperimentLogLine.Error,
            $"{step.Name} attempt {lease.StepAttempt} failed: {error}" + (retry ? "; trying again" : ""));
        if (retry)
        {
            logger.LogWarning("Experiment {Id} step {Step} attempt {Attempt} failed: {Error}; trying again", step.Ticket.ExperimentId, step.Name,
                lease.StepAttempt, error);
            await step.Grain.RecordFailedAttemptAsync(error);
            await Scheduler.RetryAsync(step.Ticket);
        }
        else
        {
            logger.LogError("Experiment {Id} failed: {Error}", step.Ticket.ExperimentId, error);
            await step.Grain.FailAsync(error);
            await Scheduler.ReleaseAsync(step.Ticket);
        }
    }
}

/// <summary>A step's attempt failed (its experiment already says why); thrown so Hangfire records the job as Failed.</summary>
public sealed class StepFailedException(string message) : Exception(message);
