using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components.Pages;

/// <summary>A run's saved maps over its frames, with a step slider across its evaluations in training order (stage-one
/// epochs, stage-two epochs, final), class toggles and thresholds.</summary>
public sealed partial class Visualize
{
    // The picker lists recent finished runs; an older one is reached by its link (?experiment=ID).
    private const int Recent = 200;
    private IReadOnlyList<ExperimentSummary> _experiments = [];
    private IReadOnlyList<MapsEvaluation> _evaluations = [];
    private int _step;
    private IReadOnlyList<VisualizedImage> _images = [];
    private ImageMaps? _maps;
    private HashSet<string> _shown = [];
    private double _threshold = 0.3;
    private double _minScore = 0.3;

    [Inject] private IExperimentQueries Queries { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private OptionalService<IExperimentArtifacts> ArtifactsService { get; set; } = null!;

    /// <summary>The experiment shown (<c>?experiment=ID</c>); none picked when absent.</summary>
    [SupplyParameterFromQuery(Name = "experiment")] public Guid? Experiment { get; set; }

    /// <summary>The image index shown (<c>?image=N</c>); the first with maps when absent or unknown.</summary>
    [SupplyParameterFromQuery(Name = "image")] public int? Image { get; set; }

    /// <summary>A <see cref="MapsEvaluation.Key"/>; the final evaluation (or the last step there is) when missing or unknown.</summary>
    [SupplyParameterFromQuery(Name = "evaluation")] public string? Evaluation { get; set; }

    private IExperimentArtifacts? Artifacts => ArtifactsService.Value;

    private MapsEvaluation? Current => _step < _evaluations.Count ? _evaluations[_step] : null;

    private string EvaluationKey => Current?.Key ?? MapsEvaluation.FinalKey;

    protected override async Task OnParametersSetAsync()
    {
        if (Artifacts is not { } artifacts)
            return;
        _experiments = (await Queries.QueryAsync(new ExperimentListQuery { Status = ExperimentStatus.Completed, Take = Recent })).Rows;
        _evaluations = Experiment is { } id ? MapsEvaluation.Timeline(await artifacts.ListEvaluationsAsync(id)) : [];
        var asked = _evaluations.Select((e, i) => (e, i)).FirstOrDefault(x => x.e.Key == Evaluation);
        var final = _evaluations.Select((e, i) => (e, i)).FirstOrDefault(x => x.e.Key == MapsEvaluation.FinalKey);
        _step = asked.e is not null ? asked.i : final.e is not null ? final.i : Math.Max(0, _evaluations.Count - 1);
        _images = Experiment is { } run ? await artifacts.ListImagesAsync(run, EvaluationKey) : [];
        _maps = null;
        if (Experiment is { } experiment && _images.Count > 0)
            await LoadAsync(artifacts, experiment, Image ?? _images[0].Index);
    }

    private async Task LoadAsync(IExperimentArtifacts artifacts, Guid experiment, int image)
    {
        var previous = _maps;
        _maps = await artifacts.GetMapsAsync(experiment, image, EvaluationKey)
            ?? await artifacts.GetMapsAsync(experiment, _images[0].Index, EvaluationKey);
        // Toggles carry over between images of a run; a new run (or another stage's classes) starts with every class shown.
        if (previous is null || _maps is null || !_maps.Classes.Select(c => c.Name).SequenceEqual(previous.Classes.Select(c => c.Name)))
            _shown = _maps?.Classes.Select(c => c.Name).ToHashSet() ?? [];
    }

    private void PickExperiment(Guid? id) => Navigation.NavigateTo($"visualize?experiment={id}");

    private async Task PickImageAsync(int image)
    {
        if (Artifacts is { } artifacts && Experiment is { } experiment && image != _maps?.Index)
            await LoadAsync(artifacts, experiment, image);
    }

    // Same image and toggles, another step's maps: what changed between epochs is what the user looks at. Stage one
    // scored other frames (validation), so crossing stages starts at that stage's first image.
    private async Task PickStepAsync(int step)
    {
        if (Artifacts is not { } artifacts || Experiment is not { } experiment || step == _step || step < 0 || step >= _evaluations.Count)
            return;
        var stageChanged = _evaluations[step].Stage != _evaluations[_step].Stage;
        _step = step;
        _images = await artifacts.ListImagesAsync(experiment, EvaluationKey);
        if (_images.Count == 0)
        {
            _maps = null;
            return;
        }
        await LoadAsync(artifacts, experiment, stageChanged || _maps is null ? _images[0].Index : _maps.Index);
    }

    private void Toggle(string name, bool on)
    {
        if (on)
            _shown.Add(name);
        else
            _shown.Remove(name);
    }

    private static string Truth(bool? sounding) => sounding switch { true => "sounding", false => "silent", null => "not in image" };

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string ImageText(VisualizedImage image) =>
        $"#{image.Index} · {string.Join(" + ", image.Sounding)} · cIoU {image.CIoU.ToString("0.00", CultureInfo.InvariantCulture)}";

    private static string CaptionText(ImageMaps maps) =>
        $"Audio: {string.Join(" + ", maps.Sounding)} · image cIoU {maps.CIoU.ToString("0.00", CultureInfo.InvariantCulture)}"
        + " · boxes solid when sounding, dashed when silent";

    private static string ClassText(ClassMap map) =>
        $"{map.Name} · peak {map.Peak.ToString("0.00", CultureInfo.InvariantCulture)} · {Truth(map.TrulySounding)}";
}
