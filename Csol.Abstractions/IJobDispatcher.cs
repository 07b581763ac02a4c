namespace Csol.Abstractions;

/// <summary>Hands one step of an experiment to the job system, on the queue of the device it was given.</summary>
/// <remarks>The host implements it (Hangfire in one process now; the same queues on shared storage when hosts join).</remarks>
public interface IJobDispatcher
{
    Task DispatchAsync(JobTicket ticket);
}

/// <summary>What a step job carries. <see cref="Token"/> is new for every dispatch; a job whose token is no longer the
/// scheduler's current one (a duplicate, or a job orphaned by a dead process and re-dispatched since) does nothing.</summary>
[GenerateSerializer, Immutable]
public sealed record JobTicket(
    [property: Id(0)] Guid ExperimentId,
    [property: Id(1)] int Step,
    [property: Id(2)] Guid Token,
    [property: Id(3)] DeviceInfo Device)
{
    /// <summary>The Hangfire queue of a device: lowercase letters, digits, underscores and dashes only.</summary>
    public static string QueueName(DeviceInfo device)
    {
        var raw = $"{device.Host}-{device.Name}".ToLowerInvariant();
        return new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
    }

    public string Queue => QueueName(Device);
}
