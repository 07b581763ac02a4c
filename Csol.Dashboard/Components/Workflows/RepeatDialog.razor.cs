using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Csol.Dashboard.Components.Workflows;

/// <summary>"Repeat with seeds…": a list of seeds; queues one copy of the experiment per seed and closes with their ids,
/// or shows why nothing was queued.</summary>
public partial class RepeatDialog
{
    private string? _seeds;
    private string? _error;

    [Inject] private IResearchWorkflows Workflows { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The experiment to repeat.</summary>
    [Parameter, EditorRequired] public ExperimentSnapshot Experiment { get; set; } = null!;

    private async Task RepeatAsync()
    {
        var seeds = new List<int>();
        foreach (var part in (_seeds ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            {
                _error = $"\"{part}\" is not an integer seed";
                return;
            }
            seeds.Add(seed);
        }
        var user = AuthState is null ? null : (await AuthState).User.Identity?.Name;
        var result = await Workflows.RepeatWithSeedsAsync(Experiment.Id, seeds, user);
        if (result.Queued && result.Errors.Count == 0)
            Dialog.Close(DialogResult.Ok(result.ExperimentIds));
        else
            _error = string.Join("; ", result.Errors.Select(e => e.Message));
    }

    private void Cancel() => Dialog.Cancel();
}
