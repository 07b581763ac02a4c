using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>Runs a trainer at <c>training.threads</c> intra-op threads and restores the process's count afterwards.</summary>
/// <remarks>Why a config field: the intra-op thread count changes the order of floating-point reductions, and on the
/// small procedural recipes that alone decides whether stage one localizes. quick.json, same commit and seed:
/// 1 thread → val IoU@0.5 0.406, AUC 0.429, pointing 0.688; 2 threads → 0, 0.101, 0.047 (docs/model-selection.md).
/// Pinning the count makes a recipe give the same figures on every machine.</remarks>
public sealed class TorchThreads : IDisposable
{
    private readonly int previous;

    private TorchThreads(int threads)
    {
        previous = threads > 0 ? torch.get_num_threads() : 0;
        if (threads > 0)
            torch.set_num_threads(threads);
    }

    /// <param name="threads">0 leaves the count as it is.</param>
    public static TorchThreads Use(int threads) => new(threads);

    public void Dispose()
    {
        if (previous > 0)
            torch.set_num_threads(previous);
    }
}
