using Bunit;
using Csol.Dashboard.Components.Pages;
using Csol.Dashboard.Components.Visualizations;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit;

namespace Csol.Tests.Dashboard;

[Trait("Category", "unit")]
public sealed class VisualizationTests
{
    // A 32-pixel frame with 2×2 maps: each cell covers 16×16 pixels.
    private static readonly ImageMaps Maps = new(3, "api/experiments/x/files/evaluation/maps/0003.png", 32, 2, 2, ["circle"], 0.5,
    [
        new ClassMap("circle", true, 0.9, [0.9f, 0.1f, 0.4f, 0f], [new SampleBox("circle", 0.5, 0.25, 0.25, 0.5)]),
        new ClassMap("square", false, 0.35, [0.35f, 0.35f, 0f, 0.2f], [new SampleBox("square", 0, 0, 0.5, 0.5)]),
    ]);

    [Fact]
    public void Cells_at_or_above_the_threshold_of_shown_classes_are_drawn_in_frame_pixels()
    {
        var cells = HeatmapOverlay.Cells(Maps, new HashSet<string> { "circle", "square" }, 0.35);

        Assert.Equal(4, cells.Count); // circle 0.9 and 0.4, square 0.35 twice
        var peak = cells.Single(c => c.ClassName == "circle" && c.X == 0 && c.Y == 0);
        Assert.Equal((16.0, 16.0), (peak.Width, peak.Height));
        Assert.Contains(cells, c => c.ClassName == "circle" && c.X == 0 && c.Y == 16); // 0.4 at row 1, column 0
        Assert.Single(HeatmapOverlay.Cells(Maps, new HashSet<string> { "circle" }, 0.5));
        Assert.True(peak.Opacity > cells.Single(c => c.ClassName == "circle" && c.Y == 16).Opacity);
    }

    [Fact]
    public void Boxes_follow_the_toggles_and_are_dashed_for_silent_objects()
    {
        var boxes = HeatmapOverlay.Boxes(Maps, new HashSet<string> { "circle", "square" });

        Assert.Equal((16.0, 8.0, 8.0, 16.0), (boxes[0].X, boxes[0].Y, boxes[0].Width, boxes[0].Height));
        Assert.True(boxes[0].Sounding);
        Assert.False(boxes[1].Sounding);
        Assert.Empty(HeatmapOverlay.Boxes(Maps, new HashSet<string>()));
    }

    [Fact]
    public async Task Unticking_a_class_removes_its_cells_and_boxes_from_the_overlay()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("pipeline", 1);
        service.Snapshots.Add(run);
        ctx.Services.AddSingleton<IExperimentService>(service);
        ctx.Services.AddSingleton<IExperimentArtifacts>(new FakeArtifacts(run.Id, Maps));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"visualize?experiment={run.Id}");

        var page = ctx.RenderPage<Visualize>();

        Assert.NotEmpty(page.FindAll("[data-testid=overlay] rect[data-class=square]"));
        page.InputOf("class-square").Change(false);
        Assert.Empty(page.FindAll("[data-testid=overlay] rect[data-class=square]"));
        Assert.NotEmpty(page.FindAll("[data-testid=overlay] rect[data-class=circle]"));
        Assert.Equal(Maps.FrameUrl, page.Find("[data-testid=overlay] image").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_an_earlier_epoch_shows_that_epochs_maps_of_the_same_image()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("pipeline", 1);
        service.Snapshots.Add(run);
        ctx.Services.AddSingleton<IExperimentService>(service);
        // After epoch 1 the square was not yet above 0.3 anywhere, the circle elsewhere.
        var early = Maps with
        {
            CIoU = 0.1,
            Classes = [Maps.Classes[0] with { Values = [0f, 0f, 0f, 0.8f] }, Maps.Classes[1] with { Values = [0.1f, 0.1f, 0f, 0f] }],
        };
        ctx.Services.AddSingleton<IExperimentArtifacts>(new FakeArtifacts(run.Id, Maps, new Dictionary<string, ImageMaps> { ["e000"] = early }));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"visualize?experiment={run.Id}");

        var page = ctx.RenderPage<Visualize>();
        var slider = page.FindComponent<MudSlider<int>>();

        // The timeline is [e000, final]; the page opens on the final checkpoint.
        Assert.Contains("Final", page.Find("[data-testid=step-label]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=overlay] rect.cell[data-class=square]"));
        await page.InvokeAsync(() => slider.Instance.ValueChanged.InvokeAsync(0));
        Assert.Contains("Epoch e000", page.Find("[data-testid=step-label]").TextContent);

        Assert.Empty(page.FindAll("[data-testid=overlay] rect.cell[data-class=square]"));
        var circle = Assert.Single(page.FindAll("[data-testid=overlay] rect.cell[data-class=circle]"));
        Assert.Equal(("16", "16"), (circle.GetAttribute("x"), circle.GetAttribute("y")));
        Assert.Contains("cIoU 0.10", page.Markup);
        await page.InvokeAsync(() => slider.Instance.ValueChanged.InvokeAsync(1));
        Assert.NotEmpty(page.FindAll("[data-testid=overlay] rect.cell[data-class=square]"));
    }

    [Fact]
    public async Task The_step_slider_runs_through_stage_one_epochs_first_showing_their_map_with_its_boxes_on_their_own_frames()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();
        var service = new FakeExperimentService();
        var run = FakeExperimentService.Snapshot("pipeline", 1);
        service.Snapshots.Add(run);
        ctx.Services.AddSingleton<IExperimentService>(service);
        // Stage one's validation frame 0: the map l ("sounding") peaking top-left after epoch 1, bottom-right after epoch 2.
        ImageMaps StageOne(int epoch, float[] values) => new(0, $"api/experiments/x/files/stage-one/evaluation/epoch-00{epoch}/maps/0000.png",
            32, 2, 2, ["sounding"], 0.2 * (epoch + 1),
            [new ClassMap("sounding", true, values.Max(), values, [new SampleBox("sounding", 0.5, 0.5, 0.5, 0.5)])]);
        ctx.Services.AddSingleton<IExperimentArtifacts>(new FakeArtifacts(run.Id, Maps, new Dictionary<string, ImageMaps>
        {
            ["s1-e000"] = StageOne(0, [0.9f, 0f, 0f, 0f]),
            ["s1-e001"] = StageOne(1, [0f, 0f, 0f, 0.9f]),
        }));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"visualize?experiment={run.Id}");
        var page = ctx.RenderPage<Visualize>();
        var slider = page.FindComponent<MudSlider<int>>();
        (string? X, string? Y) Cell() => page.FindAll("[data-testid=overlay] rect.cell[data-class=sounding]")
            .Select(c => (c.GetAttribute("x"), c.GetAttribute("y"))).Single();

        Assert.Equal((0, 2), (slider.Instance.Min, slider.Instance.Max)); // s1-e000, s1-e001, final
        await page.InvokeAsync(() => slider.Instance.ValueChanged.InvokeAsync(0));

        Assert.Contains("Stage one s1-e000", page.Find("[data-testid=step-label]").TextContent);
        Assert.EndsWith("epoch-000/maps/0000.png", page.Find("[data-testid=overlay] image").GetAttribute("href"));
        Assert.Equal(("0", "0"), Cell());
        var box = Assert.Single(page.FindAll("[data-testid=overlay] rect.box[data-class=sounding]"));
        Assert.Equal(("16", "16"), (box.GetAttribute("x"), box.GetAttribute("y")));

        await page.InvokeAsync(() => slider.Instance.ValueChanged.InvokeAsync(1));

        Assert.Equal(("16", "16"), Cell());
        Assert.EndsWith("epoch-001/maps/0000.png", page.Find("[data-testid=overlay] image").GetAttribute("href"));
        await page.InvokeAsync(() => slider.Instance.ValueChanged.InvokeAsync(2));
        Assert.Equal(Maps.FrameUrl, page.Find("[data-testid=overlay] image").GetAttribute("href"));
    }
}
