using Csol.Abstractions;
using Csol.Silo.Hosting;
using TorchSharp;

namespace Csol.Silo.Scheduling;

/// <summary>This host and the devices it offers the scheduler.</summary>
public interface IDeviceInventory
{
    string Host { get; }

    IReadOnlyList<DeviceInfo> Devices { get; }
}

/// <summary>CUDA devices as TorchSharp sees them; without any, <see cref="SchedulerOptions.CpuSlots"/> CPU slots.</summary>
public sealed class DeviceInventory : IDeviceInventory
{
    public DeviceInventory(SchedulerOptions options)
    {
        Host = options.HostName;
        var cuda = options.UseCuda ? CudaDeviceCount() : 0;
        Devices = cuda > 0
            ? Enumerable.Range(0, cuda).Select(i => new DeviceInfo(Host, $"cuda{i}", DeviceInfo.Cuda, $"CUDA device {i}")).ToList()
            : Enumerable.Range(0, options.CpuSlots)
                .Select(i => new DeviceInfo(Host, $"cpu{i}", DeviceInfo.Cpu, $"CPU slot {i + 1} of {options.CpuSlots} ({Environment.ProcessorCount} cores)"))
                .ToList();
    }

    public string Host { get; }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    private static int CudaDeviceCount()
    {
        try
        {
            return torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            return 0; // no usable native backend: the CPU slots still work for whatever can run
        }
    }
}
