using Bunit;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Components.Pages;
using Csol.Dashboard.Components.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>The sweep view: swept parameters found from the members' configs, members ranked by their best epoch of the
/// chosen metric, one polyline per member in the parallel-coordinates plot.</summary>
[Trait("Category", "unit")]
public sealed class SweepViewTests
{
    private static string Config(string name, double learningRate, int seed) =>
        $$"""{"name":"{{name}}","seed":{{seed}},"training":{"learningRate":{{learningRate}},"epochs":3},"kind":"stage-one"}""";

    // Three epochs of val_iou@0.5 per member (epochs 0, 1, 2) and a loss that the view ignores.
    private static List<MetricPoint> Curve(params double[] ious) =>
        [.. ious.Select((v, e) => new MetricPoint(10 * (e + 1), e, "val_iou@0.5", v, e)), new MetricPoint(5, 0, "loss", 1.0, 0)];

    private static (FakeExperimentService Service, ExperimentSnapshot[] Members) Sweep()
    {
        var service = new FakeExperimentService();
        ExperimentSnapshot[] members =
        [
            FakeExperimentService.Snapshot("s-1", 4, group: "s", config: Config("s-1", 0.001, 10)),
            FakeExperimentService.Snapshot("s-2", 3, group: "s", config: Config("s-2", 0.0001, 10)),
            FakeExperimentService.Snapshot("s-3", 2, ExperimentStatus.Failed, group: "s", config: Config("s-3", 0.01, 11)),
            FakeExperimentService.Snapshot("other", 1, config: Config("other", 0.5, 1)),
        ];
        service.Snapshots.AddRange(members);
        service.Metrics[members[0].Id] = Curve(0.2, 0.5, 0.4); // best 0.5 at epoch 1, last 0.4
        service.Metrics[members[1].Id] = Curve(0.3, 0.6, 0.7); // best = last = 0.7 at epoch 2
        service.Metrics[members[2].Id] = [];                    // failed before validating
        return (service, members);
    }

    [Fact]
    public void Members_rank_by_their_best_epoch_and_only_the_fields_that_vary_are_parameters()
    {
        var (service, members) = Sweep();
        var inputs = members.Take(3).Select(m => (Summary(m), m.ConfigJson, (IReadOnlyList<MetricPoint>)service.Metrics[m.Id])).ToArray();

        var table = SweepAnalysis.Build(inputs, null);

        Assert.Equal("val_iou@0.5", table.Metric);
        Assert.Equal(["seed", "training.learningRate"], table.Parameters);
        Assert.Equal(["s-2", "s-1", "s-3"], table.Members.Select(m => m.Experiment.Name));
        Assert.Equal((0.7, 2, 0.7, 2), (table.Members[0].Best!.Value, table.Members[0].BestEpoch!.Value, table.Members[0].Last!.Value,
            table.Members[0].LastEpoch!.Value));
        Assert.Equal((0.5, 1, 0.4, 2), (table.Members[1].Best!.Value, table.Members[1].BestEpoch!.Value, table.Members[1].Last!.Value,
            table.Members[1].LastEpoch!.Value));
        Assert.Null(table.Members[2].Best);
    }

    [Fact]
    public void A_loss_ranks_lowest_first()
    {
        var (service, members) = Sweep();
        service.Metrics[members[0].Id].Add(new MetricPoint(30, 2, "val_loss", 0.9, 3));
        service.Metrics[members[1].Id].Add(new MetricPoint(30, 2, "val_loss", 0.3, 3));
        var inputs = members.Take(2).Select(m => (Summary(m), m.ConfigJson, (IReadOnlyList<MetricPoint>)service.Metrics[m.Id])).ToArray();

        var table = SweepAnalysis.Build(inputs, "val_loss");

        Assert.False(table.HigherIsBetter);
        Assert.Equal(["s-2", "s-1"], table.Members.Select(m => m.Experiment.Name));
    }

    [Fact]
    public async Task The_page_draws_one_polyline_per_member_and_lists_them_best_first_with_status()
    {
        var (service, members) = Sweep();
        await using var ctx = new BunitContext().AddMud();
        ctx.Services.AddSingleton<IExperimentService>(service);

        var page = ctx.RenderPage<SweepPage>(p => p.Add(s => s.Group, "s"));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=member-line]").Count));
        Assert.Equal(members.Take(3).Select(m => m.Id.ToString()).Order(),
            page.FindAll("[data-testid=member-line]").Select(l => l.GetAttribute("data-experiment")!).Order());
        // Parameters then the metric: three axes.
        Assert.Equal(3, page.FindAll("[data-testid=axis]").Count);
        Assert.Equal(["s-2", "s-1", "s-3"], page.FindAll("[data-testid=member-name]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["3", "2", "–"], page.FindAll("[data-testid=best-epoch]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["0.7", "0.4", "–"], page.FindAll("[data-testid=last]").Select(a => a.TextContent.Trim()));
        Assert.Contains("Failed", page.FindAll("tr.csol-sweep-member")[2].TextContent);
        // A learning-rate axis spanning two decades is logarithmic: its three ticks evenly spaced.
        var ticks = page.FindAll("[data-testid=axis]")[1].QuerySelectorAll("text.tick:not(.axis-title)");
        Assert.Equal(["1e-4", "0.001", "0.01"], ticks.Select(t => t.TextContent));
        var ys = ticks.Select(t => double.Parse(t.GetAttribute("y")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(ys[0] - ys[1], ys[1] - ys[2], 1);
        // The best member's line ends at the top of the metric axis.
        var best = page.Find($"[data-testid=member-line][data-experiment='{members[1].Id}']").GetAttribute("points")!;
        Assert.EndsWith($",{ParallelCoordinatesLayout.Top}", best);
    }

    private static ExperimentSummary Summary(ExperimentSnapshot s) =>
        new(s.Id, s.Name, s.Status, s.CreatedAt, s.StartedAt, s.FinishedAt, s.FinalMetrics) { Group = s.Group };
}
