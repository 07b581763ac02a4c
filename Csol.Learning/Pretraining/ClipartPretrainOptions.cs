using Csol.Learning.Data.Clipart;

namespace Csol.Learning.Pretraining;

/// <summary>
/// What <c>csol pretrain clipart</c> does: a category classifier on non-instrument openclipart drawings whose trunk is
/// the stage-one visual ResNet-18, saved for <c>model.imagenetWeights</c>.
/// </summary>
/// <param name="Output">The backbone's state dict (TorchSharp format); the manifest goes beside it (<see cref="ManifestPath"/>).</param>
/// <param name="BaseWidth">The backbone's <c>model.baseWidth</c>: it must equal the stage-one config's.</param>
/// <param name="ImageSize">The network's input side, the stage-one config's <c>data.imageSize</c>.</param>
/// <param name="Categories">Use only the first N categories in name order (0 = all); for quick runs and tests.</param>
/// <param name="PerCategory">At most this many drawings per category (evenly spaced in name order), to bound SVG loading.</param>
/// <param name="Threads">TorchSharp intra-op threads (0 = its default).</param>
public sealed record ClipartPretrainOptions(
    string Output,
    int BaseWidth = 16,
    int ImageSize = 112,
    int Steps = 2000,
    int BatchSize = 32,
    double LearningRate = 1e-3,
    int Seed = 1,
    int Threads = 0,
    int Categories = 0,
    int PerCategory = 80,
    int EvalEvery = 500,
    int LogEvery = 50,
    string ClipartRoot = "/usr/share/openclipart/svg")
{
    public string ManifestPath => Path.ChangeExtension(Output, ".manifest.json");

    /// <summary>Every problem with the options, each naming its option; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Output))
            errors.Add("--out: a weights file path is required.");
        else if (Output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            errors.Add($"--out: the weights file must not be a .json file (the manifest is written beside it): {Output}.");
        if (BaseWidth is < 1 or > 256)
            errors.Add($"--width: must be 1..256 (got {BaseWidth}).");
        // Output stride 16: below 32 px the feature map is 1×1 or 2×2 and stage one has no map to speak of.
        if (ImageSize is < 32 or > 512 || ImageSize % 16 != 0)
            errors.Add($"--size: must be a multiple of 16 in 32..512 (got {ImageSize}).");
        if (Steps is < 1 or > 10_000_000)
            errors.Add($"--steps: must be ≥ 1 (got {Steps}).");
        if (BatchSize is < 2 or > 4096)
            errors.Add($"--batch: must be 2..4096 (BatchNorm needs at least 2; got {BatchSize}).");
        if (!(LearningRate > 0 && LearningRate < 1))
            errors.Add($"--lr: must be in (0, 1) (got {LearningRate}).");
        if (Threads < 0)
            errors.Add($"--threads: must be ≥ 0, 0 meaning TorchSharp's default (got {Threads}).");
        if (Categories < 0)
            errors.Add($"--categories: must be ≥ 0, 0 meaning all (got {Categories}).");
        if (Categories == 1)
            errors.Add("--categories: a classifier needs at least 2 categories.");
        if (PerCategory < 2)
            errors.Add($"--per-category: must be ≥ 2 (one training and one held-out drawing; got {PerCategory}).");
        if (EvalEvery < 1 || LogEvery < 1)
            errors.Add("--eval-every/--log-every: must be ≥ 1.");
        if (!Directory.Exists(ClipartRoot))
            errors.Add($"--clipart: the clip-art folder {ClipartRoot} does not exist: {ClipartTools.InstallHint}.");
        return errors;
    }
}
