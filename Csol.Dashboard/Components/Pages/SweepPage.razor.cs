using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Sweeps;
using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components.Pages;

/// <summary>A sweep: its members (the experiments of its group) ranked by a metric, with a parallel-coordinates plot
/// from the swept parameters to that metric.</summary>
public sealed partial class SweepPage
{
    // A sweep is a group; beyond this many members the page would be a list, not a comparison.
    private const int MaxMembers = 500;
    private IReadOnlyList<(ExperimentSummary, string, IReadOnlyList<MetricPoint>)> _members = [];
    private SweepTable? _table;

    [Inject] private IExperimentQueries Queries { get; set; } = null!;
    [Inject] private IExperimentService Experiments { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    /// <summary>The sweep's name, which is its members' group. From the route.</summary>
    [Parameter] public string Group { get; set; } = "";

    /// <summary>The metric to rank by (<c>?metric=val_auc</c>); the ranking metric when absent or unknown.</summary>
    [SupplyParameterFromQuery(Name = "metric")] public string? Metric { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var page = await Queries.QueryAsync(new ExperimentListQuery { Group = Group, Take = MaxMembers, SortBy = ExperimentSortKey.Name });
        var members = new List<(ExperimentSummary, string, IReadOnlyList<MetricPoint>)>();
        foreach (var row in page.Rows)
        {
            var config = (await Experiments.GetAsync(row.Id))?.ConfigJson ?? "{}";
            members.Add((row, config, await Experiments.GetMetricsAsync(row.Id)));
        }
        _members = members;
        _table = SweepAnalysis.Build(_members, Metric);
    }

    private void PickMetric(string metric)
    {
        _table = SweepAnalysis.Build(_members, metric);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("metric", metric), replace: true);
    }

    private int Rank(SweepMember member) => _table!.Members.ToList().IndexOf(member) + 1;

    private static string Value(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "–";

    // Epochs are 0-based in metric points; people count from 1.
    private static string Epoch(int? epoch) => epoch is { } e ? (e + 1).ToString(CultureInfo.InvariantCulture) : "–";
}
