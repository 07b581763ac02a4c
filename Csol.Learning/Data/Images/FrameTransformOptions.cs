namespace Csol.Learning.Data.Images;

/// <summary>Image transforms of spec §1.1; defaults are the reference's MUSIC training settings.</summary>
/// <param name="ResizeSize">Train: Resize(ResizeSize, ResizeSize) before the crop (256).</param>
/// <param name="CropSize">Train: RandomCrop size; val/test: the Resize size (224).</param>
/// <param name="Augment">Flip + brightness + saturation before the geometric transform (the reference's augmentation flag).</param>
/// <param name="FlipProbability">Horizontal flip probability (0.5).</param>
/// <param name="BrightnessRange">Brightness factor drawn from U[1 − r, 1 + r] (0.3 → U[0.7, 1.3]).</param>
/// <param name="SaturationRange">Saturation factor drawn from U[1 − r, 1 + r] (0.3 → U[0.7, 1.3]).</param>
/// <param name="Normalize">Subtract the ImageNet mean, divide by its std (off for AudioSet, spec §1.5).</param>
public sealed record FrameTransformOptions(
    int ResizeSize = 256, int CropSize = 224, bool Augment = true, double FlipProbability = 0.5,
    double BrightnessRange = 0.3, double SaturationRange = 0.3, bool Normalize = true)
{
    public static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    public static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>Rejects impossible values at once, naming the field.</summary>
    public FrameTransformOptions Validated()
    {
        if (CropSize <= 0) throw new ArgumentOutOfRangeException(nameof(CropSize), CropSize, "must be positive");
        if (ResizeSize < CropSize) throw new ArgumentOutOfRangeException(nameof(ResizeSize), ResizeSize, $"must be at least CropSize ({CropSize})");
        if (FlipProbability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FlipProbability), FlipProbability, "must be in [0, 1]");
        if (BrightnessRange is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(BrightnessRange), BrightnessRange, "must be in [0, 1)");
        if (SaturationRange is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(SaturationRange), SaturationRange, "must be in [0, 1)");
        return this;
    }
}
