using Csol.Abstractions;

namespace Csol.Silo.ExperimentResults;

/// <summary>Which checkpoint files of one experiment stay: per stage, the <c>keepBest</c> best by a metric (higher is
/// better; missing ranks last; ties go to the later epoch) plus the latest.</summary>
public static class CheckpointRetention
{
    /// <summary>Stage one's checkpoints rank by its validation IoU; stage two's (one file) by the class-aware CIoU.</summary>
    public static string DefaultMetric(string stage) => stage == "stage-two" ? "val_ciou@0.3" : "val_iou@0.5";

    /// <param name="selectedEpoch">Stage one's epoch model selection chose (<c>selected_epoch</c>): always kept.</param>
    public static IReadOnlySet<Guid> Keep(IEnumerable<CheckpointInfo> checkpoints, int keepBest, string? metric, int? selectedEpoch = null)
    {
        var keep = new HashSet<Guid>();
        foreach (var chosen in checkpoints.Where(c => c.Stage == "stage-one" && c.Epoch == selectedEpoch))
            keep.Add(chosen.Id);
        foreach (var stage in checkpoints.GroupBy(c => c.Stage))
        {
            var byMetric = string.IsNullOrEmpty(metric) ? DefaultMetric(stage.Key) : metric;
            keep.Add(stage.MaxBy(c => (c.Epoch, c.CreatedAt))!.Id);
            foreach (var best in stage.OrderByDescending(c => Score(c, byMetric)).ThenByDescending(c => c.Epoch).Take(keepBest))
                keep.Add(best.Id);
        }
        return keep;
    }

    /// <summary>The epoch stage one's model selection chose, from the run's <c>stage-one/selection.json</c>; null without one.</summary>
    public static int? SelectedEpoch(string runFolder)
    {
        var path = Path.Combine(runFolder, "stage-one", "selection.json");
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.TryGetProperty("epoch", out var epoch) && epoch.ValueKind == System.Text.Json.JsonValueKind.Number
                ? epoch.GetInt32() : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static double Score(CheckpointInfo checkpoint, string metric) =>
        checkpoint.Metrics.TryGetValue(metric, out var value) && !double.IsNaN(value) ? value : double.NegativeInfinity;
}
