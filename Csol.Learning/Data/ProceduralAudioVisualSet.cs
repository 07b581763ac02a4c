using Csol.Learning.Experiments;

namespace Csol.Learning.Data;

/// <summary>One 1-s clip: its log-mel audio, one frame and where the sounding object is.</summary>
/// <param name="Image">Frame, CHW (3 × S × S), already ImageNet-normalised (spec §1.1).</param>
/// <param name="Audio">Log-mel, row-major (AudioFrames × MelBands), dB.</param>
/// <param name="Box">Box of the sounding object in the unflipped frame.</param>
public sealed record ProceduralClip(int Index, int VideoId, int ClassIndex, float[] Image, float[] Audio, NormalizedBox Box);

/// <summary>A seeded, file-free stand-in for MUSIC-solo: K classes, each a shape/colour with a harmonic sound.</summary>
public sealed class ProceduralAudioVisualSet
{
    // ImageNet statistics (spec §1.1), applied although our backbones are not ImageNet-pretrained,
    // so the input pipeline is the one real data will use.
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private ProceduralAudioVisualSet(ProceduralDataConfig config, IReadOnlyList<ProceduralClip> clips)
    {
        Config = config;
        Clips = clips;
    }

    public ProceduralDataConfig Config { get; }
    public IReadOnlyList<ProceduralClip> Clips { get; }
    public int ImageSize => Config.ImageSize;

    /// <summary>Generates <paramref name="clipCount"/> clips; the same arguments always give identical clips.</summary>
    public static ProceduralAudioVisualSet Generate(ProceduralDataConfig config, int clipCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(config.Classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(config.Classes, ProceduralClassSignatures.Count);
        var random = new Random(seed);
        var clips = new ProceduralClip[clipCount];
        for (var i = 0; i < clipCount; i++)
        {
            // A "video" is ClipsPerVideo consecutive seconds of one object; classes cycle over videos so every
            // class is present even in tiny sets, and each second gets a fresh placement like a moving camera.
            var videoId = i / config.ClipsPerVideo;
            var classIndex = videoId % config.Classes;
            var signature = ProceduralClassSignatures.For(classIndex);
            var (rgb, box) = ProceduralFrameRenderer.Render(signature, config.ImageSize, random);
            var audio = ProceduralSpectrogramRenderer.Render(signature, config.AudioFrames, config.MelBands, random);
            clips[i] = new ProceduralClip(i, videoId, classIndex, Normalize(rgb, config.ImageSize), audio, box);
        }
        return new ProceduralAudioVisualSet(config, clips);
    }

    private static float[] Normalize(float[] rgb, int size)
    {
        var plane = size * size;
        for (var c = 0; c < 3; c++)
            for (var i = c * plane; i < (c + 1) * plane; i++)
                rgb[i] = (rgb[i] - Mean[c]) / Std[c];
        return rgb;
    }
}
