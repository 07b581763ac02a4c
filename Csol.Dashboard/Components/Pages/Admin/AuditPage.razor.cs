using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages.Admin;

public sealed partial class AuditPage
{
    [Inject] private OptionalService<IAuditTrail> TrailService { get; set; } = null!;

    private IAuditTrail? Trail => TrailService.Value;
    private IReadOnlyList<AuditEntry> _entries = [];
    private string? _action;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task FilterAsync(string? action)
    {
        _action = action;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (Trail is not null)
            _entries = await Trail.ReadAsync(500, _action);
    }

    // The CSV export of what the filter shows.
    private string CsvHref => $"api/audit/csv{(string.IsNullOrEmpty(_action) ? "" : $"?action={Uri.EscapeDataString(_action)}")}";
}
