namespace Csol.Abstractions;

/// <summary>One place a job can run: a CUDA device or a CPU slot on one host. The Hangfire queue a job for this device
/// goes to is named after both, so hosts can join the cluster later without renaming anything.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceInfo(
    [property: Id(0)] string Host,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Description)
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    /// <summary>Host and device as one key, e.g. <c>lab-01/cuda0</c>.</summary>
    public string Key => $"{Host}/{Name}";
}

/// <summary>A device with the experiment it is running, if any.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceStatus(
    [property: Id(0)] DeviceInfo Device,
    [property: Id(1)] Guid? RunningExperimentId,
    [property: Id(2)] string? RunningExperimentName,
    [property: Id(3)] int LastStep,
    [property: Id(4)] int TotalSteps);

/// <summary>An experiment waiting for a device. Higher priority runs first; equal priorities run in queue order.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueEntry(
    [property: Id(0)] Guid ExperimentId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Priority,
    [property: Id(3)] DateTimeOffset QueuedAt,
    [property: Id(4)] string DeviceRequest);

/// <summary>What the Queue page and <c>GET /api/queue</c> show: every device, then the waiting experiments in the order
/// they will start.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueView(
    [property: Id(0)] IReadOnlyList<DeviceStatus> Devices,
    [property: Id(1)] IReadOnlyList<QueueEntry> Waiting);
