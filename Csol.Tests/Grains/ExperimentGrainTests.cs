using Csol.Abstractions;
using Csol.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Csol.Tests.Grains;

[Trait("Category", "cluster")]
public sealed class ExperimentGrainTests(PlatformClusterFixture fixture) : IClassFixture<PlatformClusterFixture>
{
    private IExperimentGrain NewExperiment() => fixture.Cluster.GrainFactory.GetGrain<IExperimentGrain>(Guid.NewGuid());

    private static readonly ExperimentSubmission Submission = new("lifecycle", """{"name":"lifecycle"}""", "test");

    [Fact]
    public async Task Lifecycle_goes_queued_running_completed_and_keeps_metrics_in_order()
    {
        var grain = NewExperiment();

        var queued = await grain.SubmitAsync(Submission);
        Assert.Equal(ExperimentStatus.Queued, queued.Status);

        var lease = await grain.StartAsync(ExperimentStart.First);
        Assert.NotNull(lease);
        Assert.Equal(1, lease.Attempt);
        Assert.Equal(Submission.ConfigJson, lease.ConfigJson);
        Assert.Equal(ExperimentStatus.Running, (await grain.GetAsync()).Status);

        Assert.False(await grain.ReportAsync([new MetricPoint(1, 0, "loss", 0.9, 0.1), new MetricPoint(2, 0, "loss", 0.7, 0.2)], totalSteps: 3));
        Assert.False(await grain.ReportAsync([new MetricPoint(3, 0, "loss", 0.5, 0.3)], totalSteps: 3));
        await grain.CompleteAsync(new Dictionary<string, double> { ["loss"] = 0.5 });

        var done = await grain.GetAsync();
        Assert.Equal(ExperimentStatus.Completed, done.Status);
        Assert.Equal(3, done.LastStep);
        Assert.Equal(0.5, done.FinalMetrics["loss"]);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal([0.9, 0.7, 0.5], (await grain.GetMetricsAsync()).Select(p => p.Value));
        Assert.Equal([0.5], (await grain.GetMetricsAsync(fromStep: 3)).Select(p => p.Value));
        Assert.Null(await grain.StartAsync(ExperimentStart.First)); // a finished experiment is never run again
    }

    [Fact]
    public async Task A_draft_does_not_run_until_it_is_queued_then_runs_like_any_other()
    {
        var grain = NewExperiment();

        var draft = await grain.SubmitAsync(Submission with { Draft = true });
        Assert.Equal(ExperimentStatus.Draft, draft.Status);
        Assert.Null(await grain.StartAsync(ExperimentStart.First)); // a stray job never runs a draft
        Assert.Equal(ExperimentStatus.Draft, (await grain.GetAsync()).Status);

        var queued = await grain.QueueDraftAsync();
        Assert.Equal(ExperimentStatus.Queued, queued.Status);
        Assert.True(queued.CreatedAt >= draft.CreatedAt);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.QueueDraftAsync()); // only a draft is queued this way

        Assert.NotNull(await grain.StartAsync(ExperimentStart.First));
        await grain.CompleteAsync(new Dictionary<string, double> { ["loss"] = 0.1 });
        Assert.Equal(ExperimentStatus.Completed, (await grain.GetAsync()).Status);
    }

    [Fact]
    public async Task Cancelling_a_queued_experiment_is_immediate_and_it_never_starts()
    {
        var grain = NewExperiment();
        await grain.SubmitAsync(Submission);

        var cancelled = await grain.CancelAsync();

        Assert.Equal(ExperimentStatus.Cancelled, cancelled.Status);
        Assert.Null(await grain.StartAsync(ExperimentStart.First));
    }

    [Fact]
    public async Task Cancelling_a_running_experiment_is_answered_on_its_next_report()
    {
        var grain = NewExperiment();
        await grain.SubmitAsync(Submission);
        await grain.StartAsync(ExperimentStart.First);

        var requested = await grain.CancelAsync();
        Assert.Equal(ExperimentStatus.Running, requested.Status);
        Assert.True(requested.CancelRequested);

        Assert.True(await grain.ReportAsync([new MetricPoint(1, 0, "loss", 1, 0.1)], totalSteps: 10));
        await grain.MarkCancelledAsync();
        Assert.Equal(ExperimentStatus.Cancelled, (await grain.GetAsync()).Status);
    }

    [Fact]
    public async Task A_failure_keeps_its_error_and_a_late_completion_does_not_overwrite_it()
    {
        var grain = NewExperiment();
        await grain.SubmitAsync(Submission);
        await grain.StartAsync(ExperimentStart.First);

        await grain.FailAsync("InvalidOperationException: shapes do not match");
        await grain.CompleteAsync(new Dictionary<string, double> { ["loss"] = 1 });

        var failed = await grain.GetAsync();
        Assert.Equal(ExperimentStatus.Failed, failed.Status);
        Assert.Equal("InvalidOperationException: shapes do not match", failed.Error);
    }

    [Fact]
    public async Task Submitting_the_same_id_twice_is_refused()
    {
        var grain = NewExperiment();
        await grain.SubmitAsync(Submission);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => grain.SubmitAsync(Submission));
    }

    [Fact]
    public async Task A_restarted_attempt_keeps_points_up_to_its_checkpoint_and_drops_the_rest()
    {
        var grain = NewExperiment();
        await grain.SubmitAsync(Submission);
        await grain.StartAsync(ExperimentStart.First);
        await grain.ReportAsync([.. Enumerable.Range(1, 5).Select(s => new MetricPoint(s, 0, "loss", 1.0 / s, s))], totalSteps: 10);

        // As after the process died at step 5 with a checkpoint closing step 3.
        var second = await grain.StartAsync(new ExperimentStart(0, "stage-one", ResumeFromStep: 3, "host/cpu0"));
        await grain.ReportAsync([new MetricPoint(4, 0, "loss", 0.3, 4)], totalSteps: 10);

        Assert.Equal(2, second!.Attempt);
        Assert.Equal(2, second.StepAttempt);
        Assert.Equal([1, 2, 3, 4], (await grain.GetMetricsAsync()).Select(p => p.Step));
        Assert.Equal(0.3, (await grain.GetMetricsAsync(fromStep: 4)).Single().Value);
        var snapshot = await grain.GetAsync();
        Assert.Equal(3, snapshot.AttemptHistory[1].ResumedFromStep);
        Assert.Equal("host/cpu0", snapshot.Device);
    }

    [Fact]
    public async Task A_later_step_continues_the_attempt_and_a_repeated_point_is_stored_once()
    {
        var grain = NewExperiment();
        await grain.SubmitAsync(Submission);
        await grain.StartAsync(ExperimentStart.First);
        await grain.ReportAsync([new MetricPoint(1, 0, "loss", 1, 0.1)], totalSteps: 3);
        await grain.ReportAsync([new MetricPoint(1, 0, "loss", 1, 0.1)], totalSteps: 3); // a batch sent twice

        var next = await grain.StartAsync(new ExperimentStart(1, "matching", ResumeFromStep: 1, "host/cpu0"));

        Assert.Equal(1, next!.Attempt);
        Assert.Equal(1, next.StepAttempt);
        Assert.Single(await grain.GetMetricsAsync());
        Assert.Single((await grain.GetAsync()).AttemptHistory);
    }

    [Fact]
    public async Task State_and_the_experiments_table_are_written_to_the_sqlite_file()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IExperimentGrain>(id);
        await grain.SubmitAsync(Submission);

        await using var connection = new SqliteConnection(PersistenceExtensions.ConnectionString(Path.Combine(fixture.DataDirectory, "csol.db")));
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT Status FROM experiments WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        Assert.Equal("Queued", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM grain_state WHERE GrainId LIKE $g";
        command.Parameters.AddWithValue("$g", $"%{id:N}%");
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
