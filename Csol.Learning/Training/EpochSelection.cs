using System.Text.Json;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using TorchSharp;

namespace Csol.Learning.Training;

/// <summary>Model selection for stage one: after every validated epoch, keeps the weights of the best epoch by
/// <c>training.selectBy</c> on the validation split, never on the test frames. The test frames are then scored once, with
/// those weights, and <see cref="FileName"/> records which epoch was chosen and why.</summary>
/// <remarks>The weights kept are those the epoch was validated with (after its localization phase, the reference's
/// <c>_av_local</c> state). With a run folder they are written to <see cref="WeightsFileName"/> so a resumed run still
/// knows its best epoch; without one they are held in memory.</remarks>
internal sealed class EpochSelection : IDisposable
{
    public const string FileName = "selection.json";
    public const string WeightsFileName = "selected-weights.dat";

    private readonly string? directory;
    private readonly List<Dictionary<string, double>> validated = [];
    private Dictionary<string, torch.Tensor>? weights;

    /// <param name="hasValidation">False when the data has no validation split: the last epoch is scored.</param>
    public EpochSelection(TrainingConfig training, bool hasValidation, string? directory)
    {
        this.directory = directory;
        (Criterion, Reason) = (training.SelectBy, hasValidation, training.ValidateEveryEpoch) switch
        {
            (EpochSelectionCriteria.Last, _, _) => (EpochSelectionCriteria.Last, "training.selectBy is \"last\": the last epoch is scored"),
            (_, false, _)
                => (EpochSelectionCriteria.Last,
                    "no validation split (data.validationSplit missing, empty or a single video): the last epoch is scored"),
            (_, _, false) => (EpochSelectionCriteria.Last, "training.validateEveryEpoch is false: only the last epoch is validated, so it is scored"),
            var (criterion, _, _) => (criterion, criterion == EpochSelectionCriteria.ValidationLoss
                ? "lowest validation loss (val_loss) over the validated epochs"
                : $"highest {criterion} on the validation frames over the validated epochs"),
        };
        ResumeFromFile();
    }

    public string Criterion { get; }
    public string Reason { get; }
    public int? Epoch { get; private set; }
    public double? Value { get; private set; }

    /// <summary>A resumed run retrains from <paramref name="firstEpoch"/>: what a lost attempt recorded past its
    /// checkpoint is dropped (it is validated again).</summary>
    public void ForgetFrom(int firstEpoch)
    {
        validated.RemoveAll(v => v.TryGetValue("epoch", out var e) && e >= firstEpoch);
        if (Epoch >= firstEpoch)
            (Epoch, Value) = (null, null);
    }

    private string? WeightsPath => directory is null ? null : Path.Combine(directory, WeightsFileName);

    /// <summary>Offers epoch <paramref name="epoch"/>'s weights with its validation metrics (none without a validation
    /// split); keeps them when they are the best so far.</summary>
    public void Offer(int epoch, IReadOnlyDictionary<string, double> validation, StageOneLocalizationNet net)
    {
        validated.Add(new Dictionary<string, double>(validation) { ["epoch"] = epoch });
        double? value = validation.TryGetValue(Criterion, out var v) ? v : null;
        var better = Criterion == EpochSelectionCriteria.Last || Epoch is null
            || value is { } candidate && (Value is not { } best || EpochSelectionCriteria.Improves(Criterion, candidate, best));
        if (!better)
            return;
        (Epoch, Value) = (epoch, value);
        if (WeightsPath is { } path)
        {
            Directory.CreateDirectory(directory!);
            net.save(path);
        }
        else
        {
            DisposeWeights();
            weights = net.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        }
        WriteFile(null);
    }

    /// <summary>Loads the selected epoch's weights into <paramref name="net"/>; false when no epoch was offered.</summary>
    public bool RestoreInto(StageOneLocalizationNet net)
    {
        if (weights is not null)
            net.load_state_dict(weights);
        else if (WeightsPath is { } path && File.Exists(path))
            net.load(path);
        else
            return false;
        return true;
    }

    /// <summary>Writes <see cref="FileName"/>: criterion, reason, chosen epoch and value, every validated epoch's
    /// metrics, and the test metrics once they exist.</summary>
    public void WriteFile(IReadOnlyDictionary<string, double>? test)
    {
        if (directory is null)
            return;
        Directory.CreateDirectory(directory);
        var record = new SelectionRecord(Criterion, Reason, Epoch, Value, validated, test);
        var temporary = Path.Combine(directory, FileName + ".partial");
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, JsonOptions));
        File.Move(temporary, Path.Combine(directory, FileName), overwrite: true);
    }

    private void ResumeFromFile()
    {
        if (directory is null || !File.Exists(Path.Combine(directory, FileName)) || !File.Exists(WeightsPath))
            return;
        var record = JsonSerializer.Deserialize<SelectionRecord>(File.ReadAllText(Path.Combine(directory, FileName)), JsonOptions);
        if (record is null || record.Criterion != Criterion)
            return;
        (Epoch, Value) = (record.Epoch, record.Value);
        validated.AddRange(record.Validated);
    }

    private void DisposeWeights()
    {
        if (weights is not null)
            foreach (var tensor in weights.Values)
                tensor.Dispose();
        weights = null;
    }

    public void Dispose() => DisposeWeights();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record SelectionRecord(string Criterion, string Reason, int? Epoch, double? Value,
        List<Dictionary<string, double>> Validated, IReadOnlyDictionary<string, double>? Test);
}
