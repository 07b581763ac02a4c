using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using System.Text.Json.Nodes;
using Csol.Dashboard.Components.Experiments;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages;

public sealed partial class NewExperiment
{
    [Inject] private DashboardActions Actions { get; set; } = null!;
    [Inject] private IExperimentService Experiments { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<ExperimentTemplate> _templates = [];
    private string? _template;
    private string? _cloneOf;
    private string _json = "";
    private int _priority;
    private string? _group;
    private IReadOnlyList<ConfigProblem> _errors = [];
    private bool _busy;
    // The interactive instance renders once before its templates are loaded; a click then would queue an empty
    // config and the template load would wipe the resulting errors, so the button waits for both.
    private bool _ready;

    /// <summary>A past experiment whose config the form starts from (clone and edit).</summary>
    [SupplyParameterFromQuery(Name = "from")] public Guid? From { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _templates = await Experiments.ListTemplatesAsync();
        if (From is { } id && await Experiments.GetAsync(id) is { } past)
        {
            _cloneOf = past.Name;
            SetJson(ConfigFields.CloneOf(past.ConfigJson, past.Name));
        }
        else if ((_templates.FirstOrDefault(t => t.FileName == "quick.json") ?? _templates.FirstOrDefault()) is { } first)
            PickTemplate(first.FileName);
        _ready = true;
    }

    private void PickTemplate(string fileName)
    {
        _template = fileName;
        _cloneOf = null;
        SetJson(_templates.First(t => t.FileName == fileName).Json);
    }

    private void SetJson(string json)
    {
        _json = json;
        _priority = ConfigFields.Int(json, "priority") ?? 0;
        _group = ConfigFields.Text(json, "group");
        _errors = [];
    }

    private void JsonEdited(string json)
    {
        _json = json;
        _priority = ConfigFields.Int(json, "priority") ?? _priority;
        _group = ConfigFields.Text(json, "group");
    }

    // The fields write into the JSON, so what is queued is exactly what the editor shows.
    private void SetPriority(int priority)
    {
        _priority = priority;
        _json = ConfigFields.With(_json, "priority", JsonValue.Create(priority));
    }

    private void SetGroup(string? group)
    {
        _group = string.IsNullOrWhiteSpace(group) ? null : group.Trim();
        _json = ConfigFields.With(_json, "group", _group is null ? null : JsonValue.Create(_group));
    }

    private async Task QueueAsync(bool draft = false)
    {
        _busy = true;
        try
        {
            var source = _cloneOf is not null ? $"clone of {_cloneOf} (form)" : _template is null ? "form" : $"experiments/{_template} (form)";
            var user = await DashboardActions.UserAsync(AuthState);
            if (!await Actions.MayAsync(user, CsolPolicies.Write))
                return;
            var owner = user.Identity?.Name;
            var result = draft ? await Experiments.SaveDraftAsync(_json, source, owner) : await Experiments.QueueAsync(_json, source, owner);
            await Actions.AuditAsync(user, draft ? "experiment.draft" : "experiment.queue",
                result.ExperimentId is { } queued ? $"experiment {queued}" : source, result.Queued ? "ok" : "failed", source);
            _errors = result.Errors;
            if (result.ExperimentId is { } id)
                Navigation.NavigateTo($"experiments/{id}");
        }
        finally
        {
            _busy = false;
        }
    }
}
