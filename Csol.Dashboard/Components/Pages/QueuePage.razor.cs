using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages;

public sealed partial class QueuePage
{
    [Inject] private DashboardActions Actions { get; set; } = null!;
    [Inject] private IExperimentService Experiments { get; set; } = null!;
    [Inject] private IAuthorizationService Authorization { get; set; } = null!;

    private QueueView? _view;
    private string? _message;
    private Timer? _refresh;

    [Inject] private OptionalService<IQueueService> QueueService { get; set; } = null!;

    private IQueueService? Queue => QueueService.Value;

    protected override async Task OnInitializedAsync()
    {
        if (Queue is null)
            return;
        await ReloadAsync();
        _refresh = new Timer(_ => InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); }),
            null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyDictionary<Guid, string?> _owners = new Dictionary<Guid, string?>();
    private HashSet<Guid> _manageable = [];

    private string? Owner(Guid id) => _owners.GetValueOrDefault(id);

    // Viewers see no controls, researchers only on their own runs (the host checks again on every change).
    private bool MayManage(Guid id) => _manageable.Contains(id);

    private async Task ReloadAsync()
    {
        _view = await Queue!.GetQueueAsync();
        var waiting = _view.Waiting.Select(w => w.ExperimentId).ToHashSet();
        _owners = (await Experiments.ListAsync()).Where(e => waiting.Contains(e.Id)).ToDictionary(e => e.Id, e => e.Owner);
        var user = await DashboardActions.UserAsync(AuthState);
        var manageable = new HashSet<Guid>();
        foreach (var id in waiting)
            if ((await Authorization.AuthorizeAsync(user, Owner(id) ?? "", CsolPolicies.ManageExperiment)).Succeeded)
                manageable.Add(id);
        _manageable = manageable;
    }

    private async Task MoveAsync(Guid id, int position)
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayManageAsync(user, id, Owner(id), "experiment.move"))
            return;
        var moved = await Queue!.MoveAsync(id, position);
        await Actions.AuditAsync(user, "experiment.move", $"experiment {id}", moved ? "ok" : "failed", $"to position {position}");
        _message = moved ? null : "That experiment is no longer waiting.";
        await ReloadAsync();
    }

    private async Task SetPriorityAsync(Guid id, int priority)
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayManageAsync(user, id, Owner(id), "experiment.reprioritise"))
            return;
        var changed = await Queue!.SetPriorityAsync(id, priority);
        await Actions.AuditAsync(user, "experiment.reprioritise", $"experiment {id}", changed ? "ok" : "failed", $"priority {priority}");
        _message = changed ? null : "That experiment is no longer waiting.";
        await ReloadAsync();
    }

    private async Task CancelAsync(Guid id)
    {
        var user = await DashboardActions.UserAsync(AuthState);
        if (!await Actions.MayManageAsync(user, id, Owner(id), "experiment.cancel"))
            return;
        var cancelled = await Experiments.CancelAsync(id);
        await Actions.AuditAsync(user, "experiment.cancel", $"experiment {id}", "ok", $"now {cancelled.Status}");
        await ReloadAsync();
    }

    public void Dispose() => _refresh?.Dispose();

    private static string TotalText(int totalSteps) => totalSteps > 0 ? totalSteps.ToString(CultureInfo.InvariantCulture) : "?";
}
