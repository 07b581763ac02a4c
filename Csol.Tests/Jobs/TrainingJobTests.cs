using Csol.Silo.Jobs;
using Csol.Abstractions;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Jobs;

/// <summary>The training job on the real host: Hangfire server on SQLite, Orleans silo, TorchSharp on CPU.</summary>
[Trait("Category", "host")]
public sealed class TrainingJobTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5); // five child processes for a pipeline, on a shared machine

    [Fact]
    public async Task A_queued_experiment_trains_to_Completed_and_its_loss_goes_down()
    {
        using var data = TestPaths.NewTempDirectory("csol-job");
        await using var host = await PlatformHost.StartAsync(data.Path);

        var queued = await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 3), "tiny.json");
        Assert.True(queued.Queued, string.Join("; ", queued.Errors));
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), Patience);

        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(done.TotalSteps, done.LastStep);
        Assert.Contains("val_iou@0.5", done.FinalMetrics.Keys);
        var losses =
            (await host.Experiments.GetMetricsAsync(done.Id)).Where(p => p.Name == "loss").OrderBy(p => p.Step).Select(p => p.Value).ToArray();
        Assert.Equal(done.TotalSteps, losses.Length); // one loss point per step, none lost, none repeated
        var quarter = losses.Length / 4;
        Assert.True(losses[^quarter..].Average() < losses[..quarter].Average(),
            $"loss should go down: first quarter {losses[..quarter].Average():F4}, last quarter {losses[^quarter..].Average():F4}");
    }

    [Fact]
    public async Task A_pipeline_runs_as_five_step_jobs_from_preprocess_on_one_device_and_completes_with_every_step_once()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-pipeline");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var pipeline = Csol.Tests.Learning.StageTwo.StageTwoTinyConfigs.Pipeline();
        var config = ExperimentConfigLoader.ToJson(pipeline);

        var queued = await host.Experiments.QueueAsync(config, "pipeline.json");
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), Patience);

        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Equal(1, done.Attempts); // later steps continue the first attempt
        Assert.Contains("val_auc", done.FinalMetrics.Keys);
        Assert.Contains(done.FinalMetrics.Keys, k => k.StartsWith("stage_two_", StringComparison.Ordinal)); // kept across jobs
        var steps = (await host.Experiments.GetMetricsAsync(done.Id)).Select(p => p.Step).Distinct().ToArray();
        Assert.Equal(Enumerable.Range(1, done.TotalSteps), steps);
        // Hangfire marks the last job Succeeded just after it returns, which may be after the experiment completed.
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var until = DateTime.UtcNow.AddSeconds(15); monitoring.SucceededListCount() < 5 && DateTime.UtcNow < until;)
            await Task.Delay(100);
        var succeeded = monitoring.SucceededJobs(0, 10);
        var names = new ExperimentSteps(pipeline, data.Path).Names;
        Assert.Equal(["preprocess", "stage-one", "matching", "stage-two", "evaluation"],
            succeeded.OrderBy(j => j.Value.SucceededAt).Select(j => ((JobTicket)j.Value.Job.Args[0]).Step).Select(i => names[i]));
        Assert.Equal("preprocess", Assert.Single(done.AttemptHistory).StepName);
        Assert.NotNull(done.DatasetId); // the procedural set's id, recorded by preprocess
    }

    [Fact]
    public async Task A_step_that_keeps_failing_is_retried_then_only_its_experiment_is_Failed_with_the_error()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-fail");
        await using var host = await PlatformHost.StartAsync(data.Path);

        var failing = await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 2, failFirstAttempts: 5), "failing.json");
        var healthy = await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 2), "probe.json");

        var failed = await host.WaitForAsync(failing.ExperimentId!.Value, s => s.Status.IsFinished(), Patience);
        var completed = await host.WaitForAsync(healthy.ExperimentId!.Value, s => s.Status.IsFinished(), Patience);

        Assert.Equal(ExperimentStatus.Failed, failed.Status);
        Assert.Contains("attempt 3 fails on purpose", failed.Error);
        Assert.Equal(3, failed.Attempts); // Csol:Jobs:MaxAttempts
        Assert.All(failed.AttemptHistory.SkipLast(1), a => Assert.Contains("fails on purpose", a.Error));
        Assert.Equal(ExperimentStatus.Completed, completed.Status);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_and_the_experiment_completes_with_each_point_once()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-retry");
        await using var host = await PlatformHost.StartAsync(data.Path);

        var queued = await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 4, failFirstAttempts: 1), "flaky.json");
        var done = await host.WaitForAsync(queued.ExperimentId!.Value, s => s.Status.IsFinished(), Patience);

        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Contains("attempt 1 fails on purpose", done.AttemptHistory[0].Error);
        Assert.Null(done.AttemptHistory[1].Error);
        Assert.Equal([1, 2, 3, 4], (await host.Experiments.GetMetricsAsync(done.Id)).Select(p => p.Step));
    }

    [Fact]
    public async Task A_device_no_host_has_is_refused_at_queue_time_naming_the_devices()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-cuda");
        await using var host = await PlatformHost.StartAsync(data.Path);

        var refused = await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 1, device: "cuda"), "cuda.json");

        var error = Assert.Single(refused.Errors);
        Assert.Equal("device", error.Field);
        Assert.Contains("cpu0 (cpu)", error.Message);
        Assert.Empty(await host.Experiments.ListAsync());
    }

    [Fact]
    public async Task Cancelling_a_running_experiment_stops_its_job()
    {
        using var data = TestPaths.NewTempDirectory("csol-job-cancel");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var queued = await host.Experiments.QueueAsync(TinyConfigs.Train(epochs: 200), "long.json");
        var id = queued.ExperimentId!.Value;
        var running = await host.WaitForAsync(id, s => s.Status == ExperimentStatus.Running && s.LastStep > 0, Patience);
        // Lineage is known while it trains: preprocess registered the dataset and recorded the experiment as a user.
        Assert.NotNull(running.DatasetId);
        var dataset = await host.Services.GetRequiredService<Csol.Abstractions.Services.IDatasetService>().GetAsync(running.DatasetId);
        Assert.Equal([id], dataset!.UsedBy);

        await host.Experiments.CancelAsync(id);
        var cancelled = await host.WaitForAsync(id, s => s.Status.IsFinished(), TimeSpan.FromSeconds(30));

        Assert.Equal(ExperimentStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.LastStep < cancelled.TotalSteps);
    }
}
