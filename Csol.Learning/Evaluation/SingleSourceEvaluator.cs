using System.Globalization;
using System.Text.Json;
using Csol.Learning.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Evaluation;

/// <summary>Accumulates per-frame cIoU over batches of localization maps and reports IoU@0.5 and AUC (spec §4.1).</summary>
/// <param name="imageSize">Side the maps are upsampled to and the boxes are drawn at (224 in the paper).</param>
/// <param name="relativeThreshold">Fraction of each map's maximum above which a pixel counts as sounding.</param>
public sealed class SingleSourceEvaluator(int imageSize, double relativeThreshold)
{
    private readonly List<double> consensusIoUs = [];
    private readonly List<FrameResult> frames = [];
    private int pointingHits;

    /// <summary>Every scored frame in the order added (the per-frame results file, spec §4.1).</summary>
    public IReadOnlyList<FrameResult> Frames => frames;

    public IReadOnlyList<double> ConsensusIoUs => consensusIoUs;
    public double IoUAt05 => LocalizationMetrics.IoUAtThreshold(consensusIoUs, 0.5);
    public double AreaUnderCurve => LocalizationMetrics.AreaUnderCurve(consensusIoUs);

    /// <summary>Fraction of frames whose map maximum falls inside a box (the "pointing game"; not in the spec).</summary>
    /// <remarks>Added because it does not depend on the relative threshold, which is unconfirmed (spec §4.1) and
    /// decides almost everything on the coarse maps of short runs.</remarks>
    public double PointingAccuracy => consensusIoUs.Count == 0 ? 0 : (double)pointingHits / consensusIoUs.Count;

    /// <summary>Scores a batch of maps <c>l</c> (N,1,h,w), one box list per frame; frames without boxes are skipped.</summary>
    /// <param name="keys">One key per frame (the frame path for real data); defaults to the running frame number.</param>
    public void Add(Tensor maps, IReadOnlyList<IReadOnlyList<NormalizedBox>> boxesPerFrame, IReadOnlyList<string>? keys = null)
    {
        using var scope = NewDisposeScope();
        // cv2.resize's bilinear matches interpolate with align_corners=false (half-pixel centres).
        var upsampled = functional.interpolate(maps.to_type(ScalarType.Float32), [imageSize, imageSize],
            mode: InterpolationMode.Bilinear, align_corners: false).cpu();
        var values = upsampled.data<float>().ToArray();
        var plane = imageSize * imageSize;
        for (var n = 0; n < boxesPerFrame.Count; n++)
        {
            if (boxesPerFrame[n].Count == 0)
                continue;
            var prediction = new float[imageSize, imageSize];
            Buffer.BlockCopy(values, n * plane * sizeof(float), prediction, 0, plane * sizeof(float));
            var predicted = LocalizationMetrics.RelativeThreshold(prediction, relativeThreshold);
            var truth = LocalizationMetrics.GroundTruthMask(boxesPerFrame[n], imageSize);
            var consensusIoU = LocalizationMetrics.ConsensusIoU(predicted, truth);
            consensusIoUs.Add(consensusIoU);
            var (row, column) = LocalizationMetrics.ArgMax(prediction);
            if (truth[row, column])
                pointingHits++;
            frames.Add(new FrameResult(keys?[n] ?? frames.Count.ToString(CultureInfo.InvariantCulture), consensusIoU, truth[row, column]));
        }
    }

    /// <summary>The summary the metrics file holds.</summary>
    public EvaluationSummary Summary() => new(IoUAt05, AreaUnderCurve, PointingAccuracy, relativeThreshold, consensusIoUs.Count);

    /// <summary>Writes <c>{name}.csv</c> (key, ciou, pointing per frame) and <c>{name}.json</c> (<see cref="Summary"/>).</summary>
    public void WriteResults(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        using (var csv = new StreamWriter(Path.Combine(directory, name + ".csv")))
        {
            csv.WriteLine("key,ciou,pointing");
            foreach (var frame in frames)
                csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Quote(frame.Key)},{frame.ConsensusIoU:R},{(frame.Pointing ? 1 : 0)}"));
        }
        File.WriteAllText(Path.Combine(directory, name + ".json"),
            JsonSerializer.Serialize(Summary(), CsolJson.Document));
    }

    /// <summary>Reads back a <c>{name}.csv</c> written by <see cref="WriteResults"/>; a bad row is an error naming the
    /// file and line.</summary>
    public static IEnumerable<FrameResult> ReadResults(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (line.Trim() != "key,ciou,pointing")
                    throw new InvalidDataException($"{path}:1: expected the header 'key,ciou,pointing', found '{line}'.");
                continue;
            }
            if (line.Length == 0)
                continue;
            // A key is quoted only if it holds a comma or a quote (see Quote), so the two numbers are split off the right.
            var last = line.LastIndexOf(',');
            var middle = last > 0 ? line.LastIndexOf(',', last - 1) : -1;
            if (middle <= 0
                || !double.TryParse(line.AsSpan(middle + 1, last - middle - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var ciou)
                || line[(last + 1)..] is not ("0" or "1"))
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'key,ciou,pointing' with a number and 0/1, found '{line}'.");
            var key = line[..middle];
            if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
                key = key[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            yield return new FrameResult(key, ciou, line[^1] == '1');
        }
    }

    private static string Quote(string key) => key.IndexOfAny([',', '"', '\n']) < 0 ? key : $"\"{key.Replace("\"", "\"\"")}\"";
}

/// <summary>One scored frame: its key, cIoU, and whether the map's maximum lies in a box.</summary>
public sealed record FrameResult(string Key, double ConsensusIoU, bool Pointing);

/// <summary>Single-source metrics of a set of frames (spec §4.1) with the threshold that produced them.</summary>
public sealed record EvaluationSummary(double IoUAt05, double Auc, double Pointing, double RelativeThreshold, int Frames);
