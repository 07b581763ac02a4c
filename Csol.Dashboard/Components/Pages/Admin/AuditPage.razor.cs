using System.Globalization;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages.Admin;

/// <summary>The audit trail, a page at a time: each page, order and filter is asked of <see cref="IAuditTrail.QueryAsync"/>,
/// which the store answers in SQL, so a trail of a million entries costs what one page costs.</summary>
public sealed partial class AuditPage
{
    private const int PageSize = 50;
    private static readonly string[] Outcomes = ["ok", "denied", "failed"];

    private AuditQuery _filter = new() { Take = PageSize };
    private AuditEntryPage? _page;
    private int _filterVersion;
    private TimeField _from = new(null, null);
    private TimeField _until = new(null, null);

    [Inject] private OptionalService<IAuditTrail> TrailService { get; set; } = null!;

    private IAuditTrail? Trail => TrailService.Value;

    protected override async Task OnInitializedAsync()
    {
        // The prerendered page shows the first page at once; the live grid asks again through ServerData.
        if (!RendererInfo.IsInteractive && Trail is not null)
            _page = await Trail.QueryAsync(_filter);
    }

    /// <summary>The grid's ServerData: its page and the time column's direction, with this page's filters.</summary>
    private async Task<GridData<AuditEntry>> LoadAsync(GridState<AuditEntry> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        _filter = _filter with { OldestFirst = sort is { Descending: false }, Skip = state.Page * state.PageSize, Take = state.PageSize };
        _page = await Trail!.QueryAsync(_filter, cancellationToken);
        StateHasChanged(); // the count above the grid
        return new GridData<AuditEntry> { Items = _page.Entries, TotalItems = _page.Total };
    }

    private void Change(AuditQuery filter)
    {
        _filter = filter with { Skip = 0 };
        _filterVersion++;
    }

    private void ActorChanged(string? actor) => Change(_filter with { Actor = actor });

    private void ActionChanged(string? action) => Change(_filter with { Action = action });

    private void OutcomeChanged(string? outcome) => Change(_filter with { Outcome = outcome });

    private void FromChanged(string? text)
    {
        _from = TimeField.Parse(text);
        if (_from.Error is null)
            Change(_filter with { From = _from.Time });
    }

    private void UntilChanged(string? text)
    {
        _until = TimeField.Parse(text);
        if (_until.Error is null)
            Change(_filter with { Until = _until.Time });
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The CSV export of what the filters show (every matching entry, not only this page).</summary>
    private string CsvHref
    {
        get
        {
            var parameters = new (string Name, string? Value)[]
            {
                ("actor", _filter.Actor), ("action", _filter.Action), ("outcome", _filter.Outcome),
                ("from", _filter.From?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                ("until", _filter.Until?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToArray();
            return parameters.Length == 0 ? "api/audit/csv" : $"api/audit/csv?{string.Join('&', parameters)}";
        }
    }

    /// <summary>A time filter as typed (the browser's date-time field sends <c>yyyy-MM-ddTHH:mm</c>), read as UTC.</summary>
    private sealed record TimeField(string? Text, DateTimeOffset? Time, string? Error = null)
    {
        private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"];

        public static TimeField Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
                return new(null, null);
            return DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? new(text, new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)))
                : new(text, null, $"\"{text}\" is not a time: expected yyyy-MM-ddTHH:mm (UTC)");
        }
    }
}
