using Csol.Abstractions;

namespace Csol.Grains.Scheduling;

/// <summary>Which devices can run a config's <c>device</c> request: <c>auto</c> any, <c>cpu</c> CPU slots, <c>cuda</c>
/// any CUDA device, <c>cuda:N</c> CUDA device N of a host.</summary>
public static class DeviceMatching
{
    public static bool Fits(string request, DeviceInfo device) => request switch
    {
        "auto" or "" => true,
        DeviceInfo.Cpu => device.Kind == DeviceInfo.Cpu,
        DeviceInfo.Cuda => device.Kind == DeviceInfo.Cuda,
        _ when request.StartsWith("cuda:", StringComparison.Ordinal) => device.Kind == DeviceInfo.Cuda && device.Name == $"cuda{request[5..]}",
        _ => false,
    };

    /// <summary>The device string the trainer is given for a device (TorchSharp's name).</summary>
    public static string TorchDevice(DeviceInfo device) =>
        device.Kind == DeviceInfo.Cuda ? $"cuda:{device.Name["cuda".Length..]}" : DeviceInfo.Cpu;
}
