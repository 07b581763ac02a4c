using System.Collections.Concurrent;
using System.Diagnostics;
using Csol.Silo.Jobs;

namespace Csol.Silo.Benchmarks;

/// <summary>Listens to <see cref="StartTimeline"/> and keeps, per experiment, when each mark was first passed, so the
/// platform benchmark can say where its queue→start time goes.</summary>
internal sealed class StartTimelineRecorder : IDisposable
{
    /// <summary>The marks in the order an experiment passes them, each named for the segment that ends there.</summary>
    public static readonly (string Mark, string Segment)[] Segments =
    [
        (StartTimeline.Submitted, "queue call → config checked, experiment grain Queued"),
        (StartTimeline.Granted, "→ scheduler grants the device (its state written)"),
        (StartTimeline.Enqueued, "→ job in the device's Hangfire queue"),
        (StartTimeline.Fetched, "→ fetched by the device's worker, performing begins"),
        (StartTimeline.Prepared, "→ ticket claimed, config and resume point read"),
        (StartTimeline.Started, "→ attempt started (grain Running: \"start\")"),
        (StartTimeline.Spawned, "→ child process spawned"),
        (StartTimeline.ChildReady, "→ child connected and given its config"),
    ];

    private readonly ConcurrentDictionary<(Guid, string), DateTime> _marks = new();
    private readonly ActivityListener _listener;

    public StartTimelineRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StartTimeline.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Milliseconds from <paramref name="queuedAt"/> to each mark of <paramref name="experimentId"/> (null for a
    /// mark not passed).</summary>
    public double?[] Since(Guid experimentId, DateTimeOffset queuedAt) =>
        [.. Segments.Select(s => _marks.TryGetValue((experimentId, s.Mark), out var at)
            ? (at - queuedAt.UtcDateTime).TotalMilliseconds : (double?)null)];

    private void Record(Activity activity)
    {
        if (activity.GetTagItem("experiment") is Guid id)
            _marks.TryAdd((id, activity.OperationName), activity.StartTimeUtc);
    }

    public void Dispose() => _listener.Dispose();
}
