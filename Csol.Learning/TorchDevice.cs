using TorchSharp;

namespace Csol.Learning;

/// <summary>Turns the config's device string into a torch device, once, at the start of a run.</summary>
public static class TorchDevice
{
    /// <summary><c>auto</c> → CUDA when available, else CPU; <c>cpu</c>; <c>cuda</c> / <c>cuda:N</c> (must exist).</summary>
    public static torch.Device Resolve(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device == "auto")
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (device == "cpu")
            return torch.CPU;
        if (device == "cuda" || device.StartsWith("cuda:", StringComparison.Ordinal))
            return ResolveCuda(device);
        throw new ArgumentException($"Unknown device \"{device}\": use auto, cpu, cuda or cuda:N.", nameof(device));
    }

    private static torch.Device ResolveCuda(string device)
    {
        if (!torch.cuda.is_available())
            throw new InvalidOperationException(
                $"Device \"{device}\" was requested but CUDA is not available: this build uses the CPU libtorch package " +
                "(or no NVIDIA GPU/driver is present). Rebuild with `dotnet build -p:TorchBackend=cuda` on a machine " +
                "with an NVIDIA GPU, or set \"device\": \"auto\" or \"cpu\" in the experiment config.");
        if (device == "cuda")
            return torch.CUDA;
        if (!int.TryParse(device.AsSpan(5), out var index) || index < 0)
            throw new ArgumentException($"Malformed device \"{device}\": expected cuda:N with N ≥ 0.", nameof(device));
        var count = torch.cuda.device_count();
        if (index >= count)
            throw new InvalidOperationException($"Device \"{device}\" does not exist: {count} CUDA device(s) found.");
        return new torch.Device(DeviceType.CUDA, index);
    }
}
