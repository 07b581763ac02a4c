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

/// <summary>The devices of <see cref="SchedulerOptions.Devices"/> when given (each checked against the machine);
/// otherwise CUDA devices as TorchSharp sees them and, without any, <see cref="SchedulerOptions.CpuSlots"/> CPU slots.</summary>
public sealed class DeviceInventory : IDeviceInventory
{
    /// <exception cref="DeviceUnavailableException">A requested device this machine does not have.</exception>
    public DeviceInventory(SchedulerOptions options)
    {
        Host = options.HostName;
        Devices = options.Devices switch
        {
            "" => Found(options),
            "none" => [],
            var spec when spec.StartsWith("cpu:", StringComparison.Ordinal)
                => CpuSlots(int.Parse(spec[4..], System.Globalization.CultureInfo.InvariantCulture)),
            var spec => CudaDevices(spec.Split(',').Select(d => int.Parse(d[5..], System.Globalization.CultureInfo.InvariantCulture)).ToList()),
        };
    }

    public string Host { get; }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    private List<DeviceInfo> Found(SchedulerOptions options)
    {
        var cuda = options.UseCuda ? CudaDeviceCount() : 0;
        return cuda > 0 ? Cuda(Enumerable.Range(0, cuda)) : CpuSlots(options.CpuSlots);
    }

    private List<DeviceInfo> CpuSlots(int slots)
    {
        if (slots < 1 || slots > Environment.ProcessorCount)
            throw new DeviceUnavailableException($"cpu:{slots} asks for {slots} CPU slots, but this machine has {Environment.ProcessorCount} cores " +
                $"(each slot runs one job on its share of the cores; ask for 1 to {Environment.ProcessorCount})");
        return Enumerable.Range(0, slots)
            .Select(i => new DeviceInfo(Host, $"cpu{i}", DeviceInfo.Cpu, $"CPU slot {i + 1} of {slots} ({Environment.ProcessorCount} cores)"))
            .ToList();
    }

    private List<DeviceInfo> CudaDevices(IReadOnlyList<int> indices)
    {
        var count = CudaDeviceCount();
        foreach (var missing in indices.Where(i => i >= count).Take(1))
            throw new DeviceUnavailableException($"cuda:{missing} is not on this machine: TorchSharp sees {count} CUDA device(s)" +
                (count == 0 ? " (no CUDA driver or no libtorch CUDA backend)" : $" (cuda:0 to cuda:{count - 1})"));
        if (indices.Distinct().Count() != indices.Count)
            throw new DeviceUnavailableException($"a device is named twice in {string.Join(",", indices.Select(i => $"cuda:{i}"))}");
        return Cuda(indices);
    }

    private List<DeviceInfo> Cuda(IEnumerable<int> indices) =>
        indices.Select(i => new DeviceInfo(Host, $"cuda{i}", DeviceInfo.Cuda, $"CUDA device {i}")).ToList();

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

/// <summary>The host was asked for a device it does not have; start-up stops with this reason.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);
