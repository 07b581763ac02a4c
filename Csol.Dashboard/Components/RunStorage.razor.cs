using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components;

public sealed partial class RunStorage
{
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    /// <summary>The experiment whose run folder is measured and deleted. Required.</summary>
    [Parameter, EditorRequired] public ExperimentSnapshot Experiment { get; set; } = null!;

    /// <summary>Called once the experiment was deleted, so the page reads it again.</summary>
    [Parameter] public EventCallback Deleted { get; set; }

    [Inject] private OptionalService<IStorageService> StorageService { get; set; } = null!;

    private IStorageService? Storage => StorageService.Value;
    private DiskUsage? _usage;
    private string? _error;

    private bool Active => Experiment.Status is ExperimentStatus.Queued or ExperimentStatus.Running;

    protected override async Task OnParametersSetAsync()
    {
        // Cached by the service; a status change re-renders with the same cache, so this costs no walk.
        if (Storage is { } storage)
            _usage = (await storage.GetUsageAsync()).Of(Experiment.Id);
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete experiment?",
            $"Delete “{Experiment.Name}” and its run files ({DiskUsageText.Format(_usage?.Bytes ?? 0)})? Its record stays, marked deleted; " +
            "its checkpoints are marked deleted and its leaderboard entries removed. This cannot be undone.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
            return;
        var result = await Storage!.DeleteAsync(Experiment.Id);
        _error = result.Outcome == DeleteOutcome.Deleted ? null : result.Message;
        if (result.Outcome == DeleteOutcome.Deleted)
        {
            _usage = DiskUsage.None;
            await Deleted.InvokeAsync();
        }
    }
}
