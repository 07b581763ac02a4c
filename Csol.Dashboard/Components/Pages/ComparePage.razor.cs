using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Compare;
using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components.Pages;

/// <summary>2 to 4 experiments or checkpoints side by side: metrics (best marked), curves, per-class bars, config
/// differences, and runs that differ only in seed aggregated (mean ± sample std, n).</summary>
public partial class ComparePage
{
    private IReadOnlyList<ComparedRun>? _runs;
    private IReadOnlyList<string> _curveNames = [];
    private IReadOnlyList<SeedGroupRow> _seedGroups = [];
    private readonly List<string> _missing = [];
    private string? _curve;
    private bool _checkpoints;

    [Inject] private IExperimentService Experiments { get; set; } = null!;

    [Inject] private ICheckpointService CheckpointRecords { get; set; } = null!;

    /// <summary>Comma-separated experiment ids, 2 to 4.</summary>
    [SupplyParameterFromQuery(Name = "ids")] public string? Ids { get; set; }

    /// <summary>Comma-separated checkpoint ids, 2 to 4 (used instead of <see cref="Ids"/> when given).</summary>
    [SupplyParameterFromQuery(Name = "checkpoints")] public string? Checkpoints { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var runs = new List<ComparedRun>();
        _missing.Clear();
        _checkpoints = !string.IsNullOrWhiteSpace(Checkpoints);
        var ids = ((_checkpoints ? Checkpoints : Ids) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var text in ids.Take(CheckpointSelection.Max))
        {
            CheckpointInfo? checkpoint = null;
            var found = Guid.TryParse(text, out var id);
            if (found && _checkpoints)
                found = (checkpoint = await CheckpointRecords.GetAsync(id)) is not null;
            var experimentId = checkpoint?.ExperimentId ?? id;
            if (found && await Experiments.GetAsync(experimentId) is { } snapshot)
                runs.Add(new ComparedRun(snapshot, await Experiments.GetMetricsAsync(experimentId), checkpoint));
            else
                _missing.Add(text);
        }
        _runs = Comparison.Labelled(runs);
        _seedGroups = _checkpoints ? [] : SeedComparison.Groups(_runs);
        _curveNames = Comparison.CurveNames(_runs);
        _curve = _curveNames.FirstOrDefault(n => n is "val_iou@0.5" or "val_ciou@0.3") ?? _curveNames.FirstOrDefault();
    }

    private static string RunHref(ComparedRun r) =>
        r.Checkpoint is { } c ? $"experiments/{r.Snapshot.Id}#checkpoint-{c.Id}" : $"experiments/{r.Snapshot.Id}";
}
