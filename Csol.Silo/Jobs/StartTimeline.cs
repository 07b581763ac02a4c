using System.Diagnostics;

namespace Csol.Silo.Jobs;

/// <summary>Marks on an experiment's way from the queue to its running step, as zero-length activities of the
/// <see cref="SourceName"/> source (tag <c>experiment</c>). Nothing is recorded unless someone listens:
/// <c>csol bench platform</c> does, to show where the queue→start time goes; an OpenTelemetry exporter could too.</summary>
public static class StartTimeline
{
    public const string SourceName = "Csol.Jobs.Start";

    /// <summary>The experiment grain holds the submission (Queued); the scheduler is told next.</summary>
    public const string Submitted = "submitted";

    /// <summary>The scheduler gave the experiment a device and its job is being created.</summary>
    public const string Granted = "granted";

    /// <summary>The job is in its device's Hangfire queue.</summary>
    public const string Enqueued = "enqueued";

    /// <summary>The device's worker fetched the job and Hangfire began performing it.</summary>
    public const string Fetched = "fetched";

    /// <summary>The job holds the scheduler's current ticket and has read the config and the resume point.</summary>
    public const string Prepared = "prepared";

    /// <summary>The attempt has begun: the grain is Running (its <c>StartedAt</c>); the child is started next.</summary>
    public const string Started = "started";

    /// <summary>The step's child process was spawned.</summary>
    public const string Spawned = "spawned";

    /// <summary>The child connected to its host (its <c>hello</c>) and was handed the config.</summary>
    public const string ChildReady = "child-ready";

    private static readonly ActivitySource Source = new(SourceName);

    public static void Mark(Guid experimentId, string stage)
    {
        if (!Source.HasListeners())
            return;
        using var mark = Source.StartActivity(stage, ActivityKind.Internal, parentContext: default,
            tags: [new("experiment", experimentId)]);
    }
}
