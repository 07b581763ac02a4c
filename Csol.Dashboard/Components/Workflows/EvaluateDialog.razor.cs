using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Csol.Dashboard.Components.Workflows;

/// <summary>"Evaluate on…": picks a registered dataset and one of its splits, then queues an evaluation of the checkpoint;
/// closes with the new experiment's id, or shows the server's reason and stays open.</summary>
public partial class EvaluateDialog
{
    private IReadOnlyList<DatasetInfo> _datasets = [];
    private IReadOnlyList<EvaluationSplit> _splits = [];
    private string? _dataset;
    private string? _split;
    private string? _error;
    private bool _busy;

    [Inject] private IDatasetService Datasets { get; set; } = null!;

    [Inject] private IResearchWorkflows Workflows { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The checkpoint to evaluate.</summary>
    [Parameter, EditorRequired] public CheckpointInfo Checkpoint { get; set; } = null!;

    /// <summary>The dataset its run trained on, picked first when registered.</summary>
    [Parameter] public string? TrainedOn { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _datasets = await Datasets.ListAsync();
        var first = _datasets.FirstOrDefault(d => d.Id == TrainedOn) ?? _datasets.FirstOrDefault();
        if (first is not null)
            await PickDatasetAsync(first.Id);
    }

    private async Task PickDatasetAsync(string id)
    {
        _dataset = id;
        _splits = await Workflows.ListSplitsAsync(Checkpoint.Id, id);
        _split = _splits.FirstOrDefault(s => s.Usable)?.Name;
        _error = null;
    }

    private string DatasetName(string? id) => _datasets.FirstOrDefault(d => d.Id == id) is { } d ? $"{d.Name} ({d.Id})" : id ?? "";

    private async Task EvaluateAsync()
    {
        _busy = true;
        var user = AuthState is null ? null : (await AuthState).User.Identity?.Name;
        var result = await Workflows.EvaluateAsync(Checkpoint.Id, _dataset!, _split, user);
        _busy = false;
        if (result.Queued)
        {
            Dialog.Close(DialogResult.Ok(result.ExperimentIds[0]));
            return;
        }
        _error = string.Join("; ", result.Errors.Select(e => e.Message));
    }

    private void Cancel() => Dialog.Cancel();
}
