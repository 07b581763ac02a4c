using Csol.Learning.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Evaluation;

/// <summary>A sounding object of a test image: its class (in the evaluation's class order) and box.</summary>
public sealed record SoundingObject(int ClassIndex, NormalizedBox Box);

/// <summary>Class-aware multi-source evaluation (spec §4.3): CIoU@0.3/@0.5 and AUC over image cIoUs, per-class cIoU,
/// and the No-Sounding-Area score, from per-pixel cluster probabilities P = softmax_k(3·S).</summary>
/// <param name="matching">Which clusters make up each class's map.</param>
/// <param name="imageSize">Side the maps are upsampled to and boxes drawn at (224 in the paper).</param>
/// <param name="relativeThreshold">θ: 0.5 for MUSIC-Synthetic, 0.2 for MUSIC-Duet in the reference.</param>
/// <param name="silentThreshold">A pixel of a silent cluster's map counts as quiet when its probability is ≤ this (0.2).</param>
public sealed class MultiSourceEvaluator(ClusterClassAssignment matching, int imageSize, double relativeThreshold, double silentThreshold = 0.2)
{
    private readonly List<double> imageCIoUs = [];
    private readonly List<double> imageNsa = [];
    private readonly List<double>[] perClass = Enumerable.Range(0, matching.Classes).Select(_ => new List<double>()).ToArray();

    public IReadOnlyList<double> ImageConsensusIoUs => imageCIoUs;
    /// <summary>Fraction of images with cIoU ≥ 0.05·6 (eval.py's <c>results[6]</c>; see <see cref="LocalizationMetrics.AucThresholds"/>).</summary>
    public double CIoUAt03 => LocalizationMetrics.IoUAtThreshold(imageCIoUs, LocalizationMetrics.CIoUAt03Threshold);
    public double CIoUAt05 => LocalizationMetrics.IoUAtThreshold(imageCIoUs, LocalizationMetrics.At05Threshold);
    public double AreaUnderCurve => LocalizationMetrics.AreaUnderCurve(imageCIoUs);
    public double NoSoundingArea => imageNsa.Count == 0 ? 0 : imageNsa.Average();

    /// <summary>Mean cIoU of each class over the images where it sounds (NaN for a class that never sounds).</summary>
    public IReadOnlyList<double> PerClassCIoU => perClass.Select(v => v.Count == 0 ? double.NaN : v.Average()).ToArray();

    /// <summary>Scores a batch: <paramref name="probabilities"/> (N,K,h,w) and each image's sounding objects.
    /// Images without sounding objects are skipped, as the reference skips frames without boxes.</summary>
    public void Add(Tensor probabilities, IReadOnlyList<IReadOnlyList<SoundingObject>> soundingPerImage)
    {
        if (probabilities.shape[1] != matching.Clusters)
            throw new ArgumentException($"Expected {matching.Clusters} cluster maps, got {probabilities.shape[1]}.", nameof(probabilities));
        using var scope = NewDisposeScope();
        // Upsampling is linear, so upsampling each cluster map and then summing a class's clusters equals the
        // reference's resize of the summed map.
        var upsampled = functional.interpolate(probabilities.to_type(ScalarType.Float32), [imageSize, imageSize],
            mode: InterpolationMode.Bilinear, align_corners: false).cpu().data<float>().ToArray();
        for (var n = 0; n < soundingPerImage.Count; n++)
        {
            if (soundingPerImage[n].Count == 0)
                continue;
            var maps = Slice(upsampled, n);
            AddImage(maps, soundingPerImage[n]);
        }
    }

    private float[][,] Slice(float[] values, int image)
    {
        var plane = imageSize * imageSize;
        var maps = new float[matching.Clusters][,];
        for (var k = 0; k < maps.Length; k++)
        {
            maps[k] = new float[imageSize, imageSize];
            Buffer.BlockCopy(values, ((image * matching.Clusters) + k) * plane * sizeof(float), maps[k], 0, plane * sizeof(float));
        }
        return maps;
    }

    private void AddImage(float[][,] clusterMaps, IReadOnlyList<SoundingObject> sounding)
    {
        var classes = sounding.Select(o => o.ClassIndex).Distinct().Order().ToArray();
        var scores = new List<double>();
        foreach (var c in classes)
        {
            var classMap = Sum(matching.ClustersOf(c).Select(k => clusterMaps[k]));
            var predicted = LocalizationMetrics.RelativeThreshold(classMap, relativeThreshold);
            var truth = LocalizationMetrics.GroundTruthMask(sounding.Where(o => o.ClassIndex == c).Select(o => o.Box), imageSize);
            var score = LocalizationMetrics.ConsensusIoU(predicted, truth);
            scores.Add(score);
            perClass[c].Add(score);
        }
        imageCIoUs.Add(scores.Average());

        // NSA over every cluster map that is not a sounding class's primary cluster. The reference's eval.py looks
        // at the first 11 maps only and eval_duet.py at all K; with K > C we take all K, so spare clusters count.
        var primaries = classes.Select(c => matching.PrimaryCluster[c]).ToHashSet();
        var quiet = Enumerable.Range(0, matching.Clusters).Where(k => !primaries.Contains(k))
            .Select(k => NoSoundingAreaScore(clusterMaps[k], silentThreshold)).ToArray();
        if (quiet.Length > 0)
            imageNsa.Add(quiet.Average());
    }

    /// <summary>Fraction of a silent map's pixels whose probability is at most <paramref name="threshold"/>.</summary>
    public static double NoSoundingAreaScore(float[,] map, double threshold = 0.2)
    {
        // Compared in float32, as numpy compares a float32 map with a Python float.
        var cut = (float)threshold;
        var quiet = 0;
        foreach (var value in map)
            if (value <= cut)
                quiet++;
        return (double)quiet / map.Length;
    }

    private float[,] Sum(IEnumerable<float[,]> maps)
    {
        var sum = new float[imageSize, imageSize];
        foreach (var map in maps)
            for (var r = 0; r < imageSize; r++)
                for (var c = 0; c < imageSize; c++)
                    sum[r, c] += map[r, c];
        return sum;
    }
}
