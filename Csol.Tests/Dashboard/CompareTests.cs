using Bunit;
using Csol.Dashboard.Components.Compare;
using Csol.Dashboard.Components.Pages;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

[Trait("Category", "unit")]
public sealed class CompareTests
{
    private static ComparedRun Run(string name, IReadOnlyDictionary<string, double> metrics, params MetricPoint[] history) =>
        new(FakeExperimentService.Snapshot(name, 1, metrics: metrics), history);

    [Fact]
    public void Curves_have_one_line_per_run_that_recorded_the_metric_ordered_by_step()
    {
        IReadOnlyList<ComparedRun> runs = Comparison.Labelled([
            Run("a", new Dictionary<string, double>(), new MetricPoint(2, 0, "loss", 0.5, 1), new MetricPoint(1, 0, "loss", 0.9, 0)),
            Run("a", new Dictionary<string, double>(), new MetricPoint(1, 0, "loss", 0.8, 0), new MetricPoint(3, 0, "val_auc", 0.3, 1)),
            Run("c", new Dictionary<string, double>(), new MetricPoint(3, 0, "val_auc", 0.4, 1)),
        ]);

        var loss = Comparison.Curves(runs, "loss");

        Assert.Equal(2, loss.Count);
        Assert.Equal([(1.0, 0.9), (2.0, 0.5)], loss[0].Points);
        Assert.NotEqual(loss[0].Name, loss[1].Name); // same names get the id's start
        Assert.Equal(["loss", "val_auc"], Comparison.CurveNames(runs));
    }

    [Fact]
    public void Per_class_values_line_up_by_class_with_gaps_where_a_run_has_none()
    {
        IReadOnlyList<ComparedRun> runs =
        [
            Run("a", new Dictionary<string, double> { ["val_ciou_circle"] = 0.5, ["val_ciou_square"] = 0.1, ["val_auc"] = 0.3 }),
            Run("b", new Dictionary<string, double> { ["val_ciou_circle"] = 0.7, ["val_auc"] = 0.2, ["val_loss"] = 0.4 }),
        ];

        var groups = Comparison.PerClass(runs);

        Assert.Equal(["circle", "square"], groups.Select(g => g.ClassName));
        Assert.Equal([0.1, null], groups[1].Values);
        Assert.Equal(["val_auc", "val_loss"], Comparison.MetricNames(runs));
        Assert.Equal(0, Comparison.Best(runs, "val_auc"));
        Assert.Null(Comparison.Best(runs, "val_loss")); // one value: nothing to compare
    }

    [Fact]
    public async Task The_page_shows_metrics_curves_bars_and_only_the_differing_config_fields()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        var a = FakeExperimentService.Snapshot("a", 2, metrics: new Dictionary<string, double> { ["val_ciou@0.3"] = 0.4, ["val_ciou_circle"] = 0.5 },
            config: """{ "name": "a", "seed": 1, "training": { "epochs": 2 } }""");
        var b = FakeExperimentService.Snapshot("b", 1, metrics: new Dictionary<string, double> { ["val_ciou@0.3"] = 0.6, ["val_ciou_circle"] = 0.3 },
            config: """{ "name": "b", "seed": 1, "training": { "epochs": 3 } }""");
        service.Snapshots.AddRange([a, b]);
        service.Metrics[a.Id] = [new MetricPoint(1, 0, "val_ciou@0.3", 0.2, 0), new MetricPoint(2, 1, "val_ciou@0.3", 0.4, 0)];
        service.Metrics[b.Id] = [new MetricPoint(1, 0, "val_ciou@0.3", 0.3, 0), new MetricPoint(2, 1, "val_ciou@0.3", 0.6, 0)];
        ctx.Services.AddSingleton<IExperimentService>(service);
        ctx.Services.AddSingleton<ICheckpointService>(new NoCheckpoints());
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?ids={a.Id},{b.Id}");

        var page = ctx.RenderPage<ComparePage>();

        Assert.Equal(2, page.FindAll("[data-testid=compare-curves] polyline").Count);
        Assert.Equal(2, page.FindAll("[data-testid=class-bars] rect[data-class=circle]").Count);
        Assert.Equal(["name", "training.epochs"], page.FindAll("[data-testid=config-diff] tbody tr").Select(tr => tr.GetAttribute("data-path")));
        Assert.Contains("0.6", page.Find("[data-testid=compare-metrics]").TextContent);
    }
}
