using System.Globalization;
using System.Text.Json;
using Csol.Learning.Data;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Evaluation;

/// <summary>Multi-source evaluation of a stage-two network on held-out composites (spec §4.3), with two baselines
/// scored by the very same <see cref="MultiSourceEvaluator"/>:
/// <list type="bullet">
/// <item><c>baseline_agnostic</c>: the class-agnostic stage-one-style map l copied to every cluster, so every class map
/// is l: what localization without class awareness scores.</item>
/// <item><c>baseline_random</c>: the model's maps with a seeded random cluster↔class assignment: what the matching
/// adds.</item>
/// </list>
/// Writes <c>evaluation/results.jsonl</c> (one line per image), <c>evaluation/maps/</c> (each image's class maps and
/// frame, see <see cref="ImageMapsFile"/>) and <c>pictures/&lt;image&gt;.png</c>.</summary>
public static class StageTwoEvaluation
{
    public const int TestSeedOffset = 3_000_017;

    // ImageNet statistics, to turn the network's input back into a picture.
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    public static IReadOnlyList<string> ClassNames(int classes)
        => Enumerable.Range(0, classes).Select(c => ProceduralClassSignatures.For(c).Shape.ToString().ToLowerInvariant()).ToArray();

    public static ProceduralCocktailPartySet TestSet(ExperimentConfig config)
        => ProceduralCocktailPartySet.Generate(config.Data, config.StageTwo.TestComposites, config.Seed + TestSeedOffset,
            config.StageTwo.GainJitterDb);

    public static Dictionary<string, double> Run(StageTwoLocalizationNet net, ProceduralCocktailPartySet test, ClusterClassAssignment matching,
        ExperimentConfig config, Device device, string? outputDirectory, CancellationToken cancellationToken)
    {
        var settings = config.StageTwo;
        var names = Training.Data.StageTwoData.ClassNames(config);
        var random = RandomClusterAssignment.Create(matching.Classes, matching.Clusters, settings.BaselineSeed);
        MultiSourceEvaluator New(ClusterClassAssignment a) => Evaluator(a, test, settings);
        var (model, agnostic, randomised) = (New(matching), New(matching), New(random));
        var records = new List<string>();
        ForEachBatch(net, test, settings, device, cancellationToken, (indices, output, probabilities) =>
        {
            var agnosticMaps = output.SoundingMap.expand(-1, net.Clusters, -1, -1);
            var sounding = indices.Select(i => (IReadOnlyList<SoundingObject>)test.Composites[i].Objects
                .Where(o => o.Sounding).Select(o => new SoundingObject(o.ClassIndex, o.Box)).ToArray()).ToArray();
            model.Add(probabilities, sounding);
            agnostic.Add(agnosticMaps, sounding);
            randomised.Add(probabilities, sounding);

            for (var n = 0; n < indices.Length; n++)
            {
                var composite = test.Composites[indices[n]];
                var single = New(matching);
                single.Add(probabilities[TensorIndex.Slice(n, n + 1)], [sounding[n]]);
                var classMaps = ClassMaps(probabilities[n], matching);
                var peaks = classMaps.Select(Peak).ToArray();
                records.Add(JsonSerializer.Serialize(new
                {
                    image = composite.Index,
                    ciou = single.ImageConsensusIoUs[0],
                    nsa = single.NoSoundingArea,
                    sounding = composite.SoundingClasses.Select(c => names[c]).ToArray(),
                    shown = composite.Objects.Select(o => names[o.ClassIndex]).ToArray(),
                    classCiou = single.PerClassCIoU.Select((v, c) => (v, c)).Where(p => !double.IsNaN(p.v)).ToDictionary(p => names[p.c], p => p.v),
                    peak = peaks.Select((v, c) => (v, c)).ToDictionary(p => names[p.c], p => p.v),
                }));
                if (outputDirectory is null)
                    continue;
                var rgb = FrameRgb(composite, test.ImageSize);
                SaveMaps(outputDirectory, composite, classMaps, peaks, names, rgb, test.ImageSize, single.ImageConsensusIoUs[0]);
                if (composite.Index < settings.Pictures)
                    Draw(Path.Combine(outputDirectory, "pictures", $"{composite.Index:0000}.png"), composite, classMaps, peaks, names,
                        rgb, test.ImageSize, settings.SoundingVerdictThreshold, single.ImageConsensusIoUs[0]);
            }
        });

        var metrics = Metrics("val", model, names);
        foreach (var (key, value) in Metrics("baseline_agnostic", agnostic, names).Concat(Metrics("baseline_random", randomised, names)))
            metrics[key] = value;
        if (outputDirectory is not null)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, "evaluation"));
            File.WriteAllLines(Path.Combine(outputDirectory, "evaluation", "results.jsonl"), records);
        }
        return metrics;
    }

    /// <summary>Only the per-image maps of <paramref name="net"/> (no metrics, results or pictures), into
    /// <paramref name="mapsFolder"/> under <paramref name="outputDirectory"/>: what an earlier epoch's state looked like.</summary>
    public static void WriteMaps(StageTwoLocalizationNet net, ProceduralCocktailPartySet test, ClusterClassAssignment matching,
        ExperimentConfig config, Device device, string outputDirectory, string mapsFolder, CancellationToken cancellationToken)
    {
        var settings = config.StageTwo;
        var names = Training.Data.StageTwoData.ClassNames(config);
        ForEachBatch(net, test, settings, device, cancellationToken, (indices, _, probabilities) =>
        {
            for (var n = 0; n < indices.Length; n++)
            {
                var composite = test.Composites[indices[n]];
                var single = Evaluator(matching, test, settings);
                single.Add(probabilities[TensorIndex.Slice(n, n + 1)],
                    [composite.Objects.Where(o => o.Sounding).Select(o => new SoundingObject(o.ClassIndex, o.Box)).ToArray()]);
                var classMaps = ClassMaps(probabilities[n], matching);
                MapsFile(composite, classMaps, classMaps.Select(Peak).ToArray(), names, test.ImageSize, single.ImageConsensusIoUs[0])
                    .WriteJson(outputDirectory, mapsFolder);
            }
        });
    }

    /// <summary>The test set through <paramref name="net"/> in evaluation mode, batch by batch in a fixed order, with
    /// each batch's per-pixel class probabilities (spec §4.3: softmax of the scaled suppressed maps).</summary>
    private static void ForEachBatch(StageTwoLocalizationNet net, ProceduralCocktailPartySet test, StageTwoConfig settings, Device device,
        CancellationToken cancellationToken, Action<int[], StageTwoOutput, Tensor> onBatch)
    {
        var batcher = new ProceduralCocktailPartyBatcher(test, new Random(0), device);
        net.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var indices in batcher.PlanEpoch(settings.BatchSize, shuffle: false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var output = net.forward(batcher.Images(indices), batcher.Audio(indices));
                onBatch(indices, output, ClassAwareObjectMaps.PixelProbabilities(output.Suppressed, settings.ProbabilityScale));
            }
        }
        finally
        {
            net.train();
        }
    }

    private static MultiSourceEvaluator Evaluator(ClusterClassAssignment assignment, ProceduralCocktailPartySet test, StageTwoConfig settings)
        => new(assignment, test.ImageSize, settings.RelativeThreshold, settings.SilentThreshold);

    /// <summary><c>{prefix}_ciou@0.3</c>, <c>@0.5</c>, <c>_auc</c>, <c>_nsa</c> and <c>{prefix}_ciou_&lt;class&gt;</c>.</summary>
    public static Dictionary<string, double> Metrics(string prefix, MultiSourceEvaluator evaluator, IReadOnlyList<string> names)
    {
        var metrics = new Dictionary<string, double>
        {
            [$"{prefix}_ciou@0.3"] = evaluator.CIoUAt03,
            [$"{prefix}_ciou@0.5"] = evaluator.CIoUAt05,
            [$"{prefix}_auc"] = evaluator.AreaUnderCurve,
            [$"{prefix}_nsa"] = evaluator.NoSoundingArea,
        };
        var perClass = evaluator.PerClassCIoU;
        for (var c = 0; c < perClass.Count; c++)
            if (!double.IsNaN(perClass[c]))
                metrics[$"{prefix}_ciou_{names[c]}"] = perClass[c];
        return metrics;
    }

    /// <summary>Q_c = Σ_{k of c} P_k at the network's resolution, one (h,w) array per class.</summary>
    private static float[][,] ClassMaps(Tensor probabilities, ClusterClassAssignment matching)
    {
        var (k, h, w) = ((int)probabilities.shape[0], (int)probabilities.shape[1], (int)probabilities.shape[2]);
        var values = probabilities.cpu().data<float>().ToArray();
        var maps = new float[matching.Classes][,];
        for (var c = 0; c < matching.Classes; c++)
        {
            maps[c] = new float[h, w];
            foreach (var cluster in matching.ClustersOf(c))
                for (var r = 0; r < h; r++)
                    for (var col = 0; col < w; col++)
                        maps[c][r, col] += values[(cluster * h + r) * w + col];
        }
        return maps;
    }

    private static double Peak(float[,] map) => map.Cast<float>().Max();

    /// <summary>The network's input turned back into a picture (CHW in [0, 1]).</summary>
    private static float[] FrameRgb(ProceduralComposite composite, int size)
    {
        var rgb = composite.Image.ToArray();
        var plane = size * size;
        for (var c = 0; c < 3; c++)
            for (var i = c * plane; i < (c + 1) * plane; i++)
                rgb[i] = rgb[i] * Std[c] + Mean[c];
        return rgb;
    }

    // Every test image's maps at the network's resolution (not the 224² upsampled ones), for viewers that threshold and toggle classes.
    private static void SaveMaps(string outputDirectory, ProceduralComposite composite, float[][,] classMaps, double[] peaks,
        IReadOnlyList<string> names, float[] rgb, int size, double ciou)
        => MapsFile(composite, classMaps, peaks, names, size, ciou).Write(outputDirectory, rgb);

    private static ImageMapsFile MapsFile(ProceduralComposite composite, float[][,] classMaps, double[] peaks,
        IReadOnlyList<string> names, int size, double ciou)
    {
        var (rows, columns) = (classMaps[0].GetLength(0), classMaps[0].GetLength(1));
        var classes = Enumerable.Range(0, names.Count).Select(c =>
        {
            var shown = composite.Objects.Where(o => o.ClassIndex == c).ToArray();
            bool? truth = shown.Length == 0 ? null : shown.Any(o => o.Sounding);
            return new ClassMapEntry(names[c], truth, peaks[c], classMaps[c].Cast<float>().ToArray(), shown.Select(o => o.Box).ToArray());
        }).ToArray();
        return new ImageMapsFile(composite.Index, size, rows, columns, composite.SoundingClasses.Select(c => names[c]).ToArray(), ciou, classes);
    }

    private static void Draw(string path, ProceduralComposite composite, float[][,] classMaps, double[] peaks, IReadOnlyList<string> names,
        float[] rgb, int size, double verdictThreshold, double ciou)
    {
        var panels = Enumerable.Range(0, names.Count).Select(c =>
        {
            var shown = composite.Objects.Where(o => o.ClassIndex == c).ToArray();
            bool? truth = shown.Length == 0 ? null : shown.Any(o => o.Sounding);
            return new ClassPanel(names[c], classMaps[c], peaks[c] >= verdictThreshold, truth, shown.Select(o => o.Box).ToArray(), peaks[c]);
        }).ToArray();
        var heard = string.Join(" + ", composite.SoundingClasses.Select(c => names[c]));
        ClassHeatmapRenderer.Write(path,
            string.Create(CultureInfo.InvariantCulture, $"test image {composite.Index}: audio = {heard}; image cIoU {ciou:0.00}"),
            rgb, size, panels);
    }
}
