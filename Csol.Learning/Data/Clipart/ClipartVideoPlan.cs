namespace Csol.Learning.Data.Clipart;

/// <summary>Which list a video goes to (spec §1.2's split files).</summary>
public enum ClipartSplit
{
    SoloTraining1,
    SoloTraining2,
    SoloValidation,
    SoloTesting,
    DuetTrain,
    DuetVal,
}

/// <summary>
/// Everything needed to render one video independently of the others (so videos render in parallel and in any
/// order with identical results): its name, split, instruments, chosen pictures and its own seed.
/// </summary>
public sealed record ClipartVideoPlan(string Name, ClipartSplit Split, IReadOnlyList<ClipartInstrument> Instruments, IReadOnlyList<string> Pictures,
    int Seed)
{
    /// <summary>The bare id the class lists hold (the clip name without MUSIC's <c>_0_1000</c> suffix).</summary>
    public string Id => Name[..Name.IndexOf("_0_", StringComparison.Ordinal)];

    public bool IsDuet => Split is ClipartSplit.DuetTrain or ClipartSplit.DuetVal;

    /// <summary>Videos whose frames are annotated (solotest.json / duettest.json).</summary>
    public bool IsAnnotated => Split is ClipartSplit.SoloTesting or ClipartSplit.DuetVal;

    /// <summary>Validation and test videos draw test pictures only.</summary>
    public bool UsesTestPictures => Split is ClipartSplit.SoloValidation or ClipartSplit.SoloTesting or ClipartSplit.DuetVal;
}
