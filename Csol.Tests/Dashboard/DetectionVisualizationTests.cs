using Bunit;
using Csol.Dashboard.Components.Pages;
using Csol.Dashboard.Components.Visualizations;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Dashboard;

/// <summary>The detection kind's detector boxes on the Visualizations page: class and score labels, the score slider.</summary>
[Trait("Category", "unit")]
public sealed class DetectionVisualizationTests
{
    private static readonly ImageMaps Maps = new(3, "api/experiments/x/files/evaluation/maps/0003.png", 32, 2, 2, ["circle"], 0.5,
    [
        new ClassMap("circle", true, 0.9, [0.9f, 0.1f, 0.4f, 0f], []),
        new ClassMap("square", false, 0.35, [0.35f, 0.35f, 0f, 0.2f], []),
    ])
    {
        Detections =
        [
            new DetectedBox("circle", 0.5, 0.25, 0.25, 0.5, 0.92),
            new DetectedBox("square", 0, 0, 0.5, 0.5, 0.55),
            new DetectedBox("circle", 0, 0.5, 0.25, 0.25, 0.12),
        ],
    };

    [Fact]
    public void Detections_are_in_frame_pixels_and_filtered_by_score_and_class()
    {
        var all = HeatmapOverlay.Detections(Maps, new HashSet<string> { "circle", "square" }, 0);

        Assert.Equal(3, all.Count);
        Assert.Equal((16.0, 8.0, 8.0, 16.0), (all[0].X, all[0].Y, all[0].Width, all[0].Height));
        Assert.Equal("circle 0.92", all[0].Label);
        Assert.Equal(2, HeatmapOverlay.Detections(Maps, new HashSet<string> { "circle", "square" }, 0.55).Count); // inclusive
        Assert.Single(HeatmapOverlay.Detections(Maps, new HashSet<string> { "circle" }, 0.5));
    }

    [Fact]
    public async Task Moving_the_score_slider_hides_the_boxes_below_it()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("detection", 1);
        service.Snapshots.Add(run);
        ctx.Services.AddSingleton<IExperimentService>(service);
        ctx.Services.AddSingleton<IExperimentArtifacts>(new FakeArtifacts(run.Id, Maps));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"visualize?experiment={run.Id}");

        var page = ctx.RenderPage<Visualize>();

        // Default 0.3: the 0.12 box is hidden.
        Assert.Equal(["circle", "square"], page.FindAll("[data-testid=overlay] g.detection").Select(g => g.GetAttribute("data-class")));
        Assert.Contains("circle 0.92", page.Find("[data-testid=overlay] g.detection text").TextContent);

        page.InputOf("score-threshold").Input("0.6");
        Assert.Equal(["circle"], page.FindAll("[data-testid=overlay] g.detection").Select(g => g.GetAttribute("data-class")));

        page.InputOf("score-threshold").Input("0");
        Assert.Equal(3, page.FindAll("[data-testid=overlay] g.detection").Count);
    }

    [Fact]
    public async Task A_run_without_detections_shows_no_score_slider()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("pipeline", 1);
        service.Snapshots.Add(run);
        ctx.Services.AddSingleton<IExperimentService>(service);
        ctx.Services.AddSingleton<IExperimentArtifacts>(new FakeArtifacts(run.Id, Maps with { Detections = [] }));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"visualize?experiment={run.Id}");

        var page = ctx.RenderPage<Visualize>();

        Assert.Empty(page.FindAll("[data-testid=score-threshold]"));
        Assert.Empty(page.FindAll("g.detection"));
    }
}
