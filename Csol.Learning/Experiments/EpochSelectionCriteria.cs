namespace Csol.Learning.Experiments;

/// <summary>The values of <c>training.selectBy</c>: what picks the epoch scored on the test set.</summary>
public static class EpochSelectionCriteria
{
    public const string ValidationLoss = "val_loss";
    public const string ValidationAuc = "val_auc";
    public const string ValidationIoU = "val_iou@0.5";
    public const string Last = "last";

    public static readonly IReadOnlyList<string> All = [ValidationLoss, ValidationAuc, ValidationIoU, Last];

    /// <summary>Localization criteria need boxes on the validation frames.</summary>
    public static bool NeedsBoxes(string criterion) => criterion is ValidationAuc or ValidationIoU;

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="best"/> (ties keep the earlier epoch).</summary>
    public static bool Improves(string criterion, double candidate, double best)
        => criterion == ValidationLoss ? candidate < best : candidate > best;
}
