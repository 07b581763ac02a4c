using Csol.Dashboard.Components.Charts;
using Csol.Dashboard.Components.Compare;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Csol.Dashboard.Components.Workflows;

namespace Csol.Dashboard.Components.Pages;

/// <summary>One experiment, live: status and charts follow pushed updates from its grain.</summary>
public partial class ExperimentDetail
{
    private readonly MetricHistory _history = new();
    private ExperimentSnapshot? _snapshot;
    private IAsyncDisposable? _watch;
    private bool _loaded;
    private IReadOnlyList<CheckpointInfo> _checkpoints = [];
    private string? _prettyConfig;
    private readonly CheckpointSelection _compare = new();
    private IReadOnlyList<ExperimentLogLine> _log = [];
    private Timer? _logRefresh;
    private CheckpointInfo? _parent;
    private IReadOnlyList<Guid> _repeated = [];

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    // Lines come from the step jobs, not the grain, so they are polled (and re-read on every status change); so are the
    // checkpoints, which are filed just after the run's last status change.
    [Inject] private OptionalService<IExperimentLog> LogService { get; set; } = null!;

    private IExperimentLog? Log => LogService.Value;

    // Optional until the host registers it: the page shows the rest without it.
    [Inject] private OptionalService<ICheckpointService> CheckpointService { get; set; } = null!;

    private ICheckpointService? Checkpoints => CheckpointService.Value;

    private static string CheckpointHref(CheckpointInfo p) => $"experiments/{p.ExperimentId}#checkpoint-{p.Id}";

    private static string TotalStepsText(ExperimentSnapshot s) =>
        s.TotalSteps > 0 ? s.TotalSteps.ToString(CultureInfo.InvariantCulture) : "?";

    private static string LogTime(ExperimentLogLine line) => line.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private string PrettyConfig => _prettyConfig ??= Indent(_snapshot?.ConfigJson ?? "");

    /// <summary>The experiment's id, from the address.</summary>
    [Parameter] public Guid Id { get; set; }

    private IReadOnlyList<LineSeries> LossSeries => _history.Series(["loss", "val_loss"]);

    private IReadOnlyList<LineSeries> ValidationSeries => _history.Series(["val_accuracy", "val_iou@0.5", "val_auc", "val_ciou@0.3", "val_nsa"]);

    // Both charts on one step range, so a validation point sits under the loss it followed.
    private Axis StepAxis => ChartGeometry.AxisFor(LossSeries.Concat(ValidationSeries).SelectMany(s => s.Points.Select(p => p.X)), targetTicks: 8);

    protected override async Task OnParametersSetAsync()
    {
        // Another experiment's page reuses this component: its watch and history go first.
        if (_watch is not null)
            await _watch.DisposeAsync();
        _history.Clear();
        _prettyConfig = null;
        // Subscribe before reading, so nothing reported in between is missed; the history drops repeats.
        _watch = await Experiments.WatchAsync(Id, this);
        _snapshot = await Experiments.GetAsync(Id);
        _history.Add(await Experiments.GetMetricsAsync(Id));
        if (Checkpoints is { } service)
        {
            _checkpoints = await service.ListAsync(Id);
            _parent = _snapshot?.ParentCheckpointId is { } parent ? await service.GetAsync(parent) : null;
        }
        _repeated = [];
        await ReadLogAsync();
        _logRefresh ??= new Timer(
            _ => InvokeAsync(async () => { await ReadLogAsync(); StateHasChanged(); }), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        _loaded = true;
    }

    private async Task ReadLogAsync()
    {
        if (Log is { } log)
            _log = await log.ReadAsync(Id, 200);
        if (Checkpoints is { } checkpoints && _snapshot?.Status.IsFinished() == true && _checkpoints.Count == 0)
            _checkpoints = await checkpoints.ListAsync(Id);
    }

    private static string Time(DateTimeOffset? t) => t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "–";

    private static string Indent(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static double Progress(ExperimentSnapshot s) => s.Status switch
    {
        ExperimentStatus.Completed => 100,
        _ when s.TotalSteps > 0 => 100.0 * s.LastStep / s.TotalSteps,
        _ => 0,
    };

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private async Task CancelAsync()
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayManageAsync(user, Id, _snapshot?.Owner, "experiment.cancel"))
            return;
        _snapshot = await Experiments.CancelAsync(Id);
        await Actions.AuditAsync(user, "experiment.cancel", $"experiment {Id}", "ok", $"now {_snapshot.Status}");
    }

    private string? _queueError;

    private async Task QueueDraftAsync()
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayManageAsync(user, Id, _snapshot?.Owner, "experiment.queue"))
            return;
        var result = await Experiments.QueueDraftAsync(Id);
        await Actions.AuditAsync(user, "experiment.queue", $"experiment {Id}", result.Queued ? "ok" : "failed", "draft");
        _queueError = result.Queued ? null : string.Join("; ", result.Errors.Select(e => e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message));
        _snapshot = await Experiments.GetAsync(Id) ?? _snapshot;
    }

    /// <summary>"Evaluate on…" a checkpoint of this run: the dialog queues it; the page follows to the new experiment.</summary>
    private async Task EvaluateAsync(CheckpointInfo checkpoint)
    {
        var parameters = new DialogParameters<EvaluateDialog> { { d => d.Checkpoint, checkpoint }, { d => d.TrainedOn, _snapshot?.DatasetId } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true };
        var dialog = await Dialogs.ShowAsync<EvaluateDialog>("Evaluate on…", parameters, options);
        if (await dialog.Result is { Canceled: false, Data: Guid queued })
            Navigation.NavigateTo($"experiments/{queued}");
    }

    private async Task RepeatAsync()
    {
        if (_snapshot is null)
            return;
        var parameters = new DialogParameters<RepeatDialog> { { d => d.Experiment, _snapshot } };
        var dialog = await Dialogs.ShowAsync<RepeatDialog>("Repeat with seeds…", parameters);
        if (await dialog.Result is { Canceled: false, Data: IReadOnlyList<Guid> copies })
            _repeated = copies;
    }

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
        await ReadLogAsync();
        StateHasChanged();
    });

    public async ValueTask DisposeAsync()
    {
        if (_logRefresh is not null)
            await _logRefresh.DisposeAsync();
        if (_watch is not null)
            await _watch.DisposeAsync();
    }
}
