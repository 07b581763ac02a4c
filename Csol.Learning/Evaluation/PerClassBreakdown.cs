using Csol.Learning.Data.Music;

namespace Csol.Learning.Evaluation;

/// <summary>Single-source metrics of one class's frames (spec §4.1 restricted to the class).</summary>
public sealed record ClassScores(string Class, int Frames, double IoUAt05, double Auc, double Pointing);

/// <summary>A per-frame results file (<c>model.csv</c>, <c>baseline_center.csv</c>) scored per class.</summary>
/// <param name="Groups">Scores of named groups of classes over all their frames (e.g. "seen drawings").</param>
public sealed record PerClassScores(string Source, IReadOnlyList<ClassScores> Classes, IReadOnlyList<ClassScores> Groups);

/// <summary>
/// Splits a stage-one evaluation by class: the run's per-frame files (<c>evaluation/epoch-NNN/*.csv</c>, key, cIoU,
/// pointing) grouped by the class of each frame's video, read from the data folder's <c>MUSIC_solo_videos.json</c>.
/// One overall IoU@0.5 can hide that a model localizes some classes well and others not at all (e.g. MUSIC-Clipart
/// classes whose test drawing was or was not seen in training).
/// </summary>
public static class PerClassBreakdown
{
    /// <param name="groups">Group name → class names; each group is scored over the frames of its classes.</param>
    public static PerClassScores Score(string resultsCsv, string dataRoot, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups = null)
    {
        if (!File.Exists(resultsCsv))
            throw new FileNotFoundException($"{resultsCsv} not found: expected a per-frame results file (key,ciou,pointing).", resultsCsv);
        var videoClasses = SoloVideoClasses.Load(dataRoot, "the per-class breakdown");
        var classSpace = videoClasses.Classes;

        var byClass = new SortedDictionary<string, List<(double ConsensusIoU, bool Pointing)>>(StringComparer.Ordinal);
        foreach (var (key, ciou, pointing) in SingleSourceEvaluator.ReadResults(resultsCsv))
        {
            var video = key.Split('/')[0];
            if (!videoClasses.TryGetClass(video, out var label))
                throw new InvalidDataException($"{resultsCsv}: frame {key} belongs to video {video}, which {videoClasses.Path} does not list.");
            var name = classSpace.NameOf(label);
            if (!byClass.TryGetValue(name, out var rows))
                byClass[name] = rows = [];
            rows.Add((ciou, pointing));
        }

        var groupScores = new List<ClassScores>();
        foreach (var (group, members) in groups ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var unknown = members.Where(m => !classSpace.TryIndexOf(m, out _)).ToArray();
            if (unknown.Length > 0)
                throw new ArgumentException(
                    $"Group '{group}': unknown class(es) {string.Join(", ", unknown)} (known: {string.Join(", ", classSpace.Names)}).");
            groupScores.Add(Scores(group, members.SelectMany(m => byClass.GetValueOrDefault(m) ?? []).ToList()));
        }

        return new PerClassScores(resultsCsv, byClass.Select(kv => Scores(kv.Key, kv.Value)).ToArray(), groupScores);
    }

    private static ClassScores Scores(string name, List<(double ConsensusIoU, bool Pointing)> rows)
    {
        var ious = rows.Select(r => r.ConsensusIoU).ToArray();
        return rows.Count == 0
            ? new ClassScores(name, 0, double.NaN, double.NaN, double.NaN)
            : new ClassScores(name, rows.Count, LocalizationMetrics.IoUAtThreshold(ious), LocalizationMetrics.AreaUnderCurve(ious),
                rows.Count(r => r.Pointing) / (double)rows.Count);
    }
}
