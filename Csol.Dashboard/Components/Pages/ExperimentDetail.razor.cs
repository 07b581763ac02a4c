using Csol.Dashboard.Components.Charts;
using Csol.Grains.Abstractions;
using Csol.Grains.Services;
using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components.Pages;

/// <summary>One experiment, live: status and charts follow pushed updates from its grain.</summary>
public partial class ExperimentDetail
{
    private readonly MetricHistory _history = new();
    private ExperimentSnapshot? _snapshot;
    private IAsyncDisposable? _watch;
    private bool _loaded;

    /// <summary>The experiment's id, from the address.</summary>
    [Parameter] public Guid Id { get; set; }

    private IReadOnlyList<LineSeries> LossSeries => _history.Series(["loss", "val_loss"]);

    private IReadOnlyList<LineSeries> ValidationSeries => _history.Series(["val_accuracy", "val_iou@0.5", "val_auc"]);

    protected override async Task OnParametersSetAsync()
    {
        // Subscribe before reading, so nothing reported in between is missed; the history drops repeats.
        _watch = await Experiments.WatchAsync(Id, this);
        _snapshot = await Experiments.GetAsync(Id);
        _history.Add(await Experiments.GetMetricsAsync(Id));
        _loaded = true;
    }

    private static double Progress(ExperimentSnapshot s) => s.Status switch
    {
        ExperimentStatus.Completed => 100,
        _ when s.TotalSteps > 0 => 100.0 * s.LastStep / s.TotalSteps,
        _ => 0,
    };

    private async Task CancelAsync() => _snapshot = await Experiments.CancelAsync(Id);

    Task IExperimentWatcher.OnMetricsAsync(IReadOnlyList<MetricPoint> points) => InvokeAsync(() =>
    {
        _history.Add(points);
        if (_snapshot is not null && points.Count > 0)
            _snapshot = _snapshot with { LastStep = Math.Max(_snapshot.LastStep, points.Max(p => p.Step)) };
        StateHasChanged();
    });

    Task IExperimentWatcher.OnChangedAsync(ExperimentSnapshot snapshot) => InvokeAsync(async () =>
    {
        if (_snapshot is not null && snapshot.Attempts != _snapshot.Attempts)
        {
            // A new attempt starts its history afresh.
            _history.Clear();
            _history.Add(await Experiments.GetMetricsAsync(Id));
        }
        _snapshot = snapshot;
        StateHasChanged();
    });

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
            await _watch.DisposeAsync();
    }
}
