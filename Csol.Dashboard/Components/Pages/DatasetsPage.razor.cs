using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Pages;

public sealed partial class DatasetsPage
{
    private IReadOnlyList<DatasetInfo> _datasets = [];
    private DatasetInfo? _selected;
    private IReadOnlyList<DatasetSample> _samples = [];

    [Inject] private OptionalService<IDatasetService> DatasetsService { get; set; } = null!;

    private IDatasetService? Datasets => DatasetsService.Value;

    protected override async Task OnInitializedAsync()
    {
        if (Datasets is null)
            return;
        _datasets = await Datasets.ListAsync();
        if (_datasets.Count > 0)
            await PickAsync(_datasets[0]);
    }

    private async Task PickAsync(DatasetInfo dataset)
    {
        _selected = dataset;
        _samples = await Datasets!.GetSamplesAsync(dataset.Id, 6);
    }

    private static IReadOnlyList<Csol.Dashboard.Components.Compare.ClassBarGroup> Counts(DatasetInfo d) =>
        d.PerClassCounts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new Csol.Dashboard.Components.Compare.ClassBarGroup(c.Key, [c.Value])).ToArray();

    private static string Summary(DatasetInfo s) =>
        $"{s.Path} · sha256 {s.ContentHash} · registered {s.RegisteredAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}"
        + $" · used by {s.UsedBy.Count} experiment{(s.UsedBy.Count == 1 ? "" : "s")}";

    private static string Problems(DatasetInfo s) =>
        $"{s.Problems.Count} problem{(s.Problems.Count == 1 ? "" : "s")}: {string.Join("; ", s.Problems.Take(5))}";
}
