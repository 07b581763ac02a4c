namespace Csol.Learning.Experiments;

/// <summary>The experiment kinds <c>csol run</c> and the job queue know.</summary>
public static class ExperimentKinds
{
    public const string StageOne = "stage-one";

    /// <summary>Stage one → cluster↔class matching → stage two → multi-source evaluation, each step resumable.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>A platform probe: a few fast steps with no model, for load tests and benchmarks of the queue.</summary>
    public const string Probe = "probe";

    /// <summary>The pipeline, then the transfer to unsupervised object detection (docs/detection.md).</summary>
    public const string Detection = "detection";

    /// <summary>One registered checkpoint scored on a dataset's split (<c>csol evaluate</c>); trains nothing.</summary>
    public const string Evaluation = "evaluation";

    public static readonly IReadOnlyList<string> All = [StageOne, Pipeline, Probe, Detection, Evaluation];

    /// <summary>Kinds that run the pipeline's steps (stage one → matching → stage two → evaluation).</summary>
    public static bool RunsPipeline(string kind) => kind is Pipeline or Detection;
}

/// <summary>Stage two on cocktail-party composites (spec §2.4, §3) and its evaluation (spec §4.3): generated ones for
/// <c>data.source</c> procedural, a MUSIC-layout folder's synthetic splits (or duet frames) for <c>music</c>.</summary>
public sealed record StageTwoConfig
{
    /// <summary>Music: MUSIC-Synthetic-layout training folder (<c>audio/</c>, <c>video/</c>, optional <c>box/</c>), relative
    /// to <c>data.root</c> or absolute. All its composites are used (<see cref="TrainComposites"/> is the procedural count).</summary>
    public string TrainFolder { get; init; } = "synthetic/train";
    /// <summary>Music: MUSIC-Synthetic-layout test folder with <c>box/</c> (6-column rows with the sounding flag, or the
    /// reference's 5-column rows, all sounding), relative to <c>data.root</c> or absolute.</summary>
    public string TestFolder { get; init; } = "synthetic/test";
    /// <summary>Music: when set (e.g. <c>duettest.json</c>), the test images are these annotated frames, each with its
    /// second's audio and every box sounding (spec §4.3 duet), instead of <see cref="TestFolder"/>.</summary>
    public string? TestAnnotations { get; init; }

    /// <summary>Music: the split list of duet training videos (MUSIC's <c>duet/duet_pairs_train.txt</c>), relative to
    /// <c>data.root</c> or absolute. When set, the pipeline runs a <c>duet</c> step after stage two: duet fine-tuning
    /// (<c>training_stage_two_duet.py</c>), <see cref="DuetEpochs"/> on those videos from the stage-two checkpoint; the
    /// evaluation then scores the fine-tuned network. Null (default): no duet step.</summary>
    public string? DuetTrainSplit { get; init; }
    /// <summary>Passes over the duet training seconds (1 in the reference).</summary>
    public int DuetEpochs { get; init; } = 1;
    /// <summary>Learning rate of duet fine-tuning; null keeps <see cref="LearningRate"/> (the reference's 1e-4 for both).</summary>
    public double? DuetLearningRate { get; init; }

    /// <summary>2×2 composites trained on (each gives a positive and a mismatched negative).</summary>
    public int TrainComposites { get; init; } = 256;
    /// <summary>Held-out composites evaluated (spec §4.3).</summary>
    public int TestComposites { get; init; } = 64;
    /// <summary>Passes over the composites (5 for MUSIC-Synthetic in the reference).</summary>
    public int Epochs { get; init; } = 5;
    /// <summary>Composites per batch.</summary>
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-4;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>λ in <c>L = L_c + λ·L_loc</c> (<c>--weight</c>, 0.5).</summary>
    public double LocWeight { get; init; } = 0.5;
    /// <summary>Gain jitter of each sounding source in the mix, ± this many dB (the spec's "random jittering").</summary>
    public double GainJitterDb { get; init; } = 3;
    /// <summary>θ of the per-class relative threshold: 0.5 for MUSIC-Synthetic, 0.2 for MUSIC-Duet.</summary>
    public double RelativeThreshold { get; init; } = 0.5;
    /// <summary>NSA's absolute threshold on a silent cluster's probability (0.2).</summary>
    public double SilentThreshold { get; init; } = 0.2;
    /// <summary>Scale in <c>P = softmax_k(scale·S)</c> at inference (3 in <c>test_stage_two*.py</c>).</summary>
    public double ProbabilityScale { get; init; } = 3;
    /// <summary>A class is drawn as sounding in the pictures when its map's peak probability reaches this.</summary>
    public double SoundingVerdictThreshold { get; init; } = 0.5;
    /// <summary>Seed of the random cluster↔class baseline assignment.</summary>
    public int BaselineSeed { get; init; } = 1;
    /// <summary>Music: the side composites (or duet frames) are resized to for stage two and its evaluation; null keeps
    /// <c>data.imageSize</c>. A 2×2 composite shows each frame at half its side, so twice stage one's frame size keeps
    /// the objects at the scale stage one learnt them, and each quadrant a whole number of map cells (the paper's 224²
    /// composites of 112² frames give 7×7 per quadrant; 112² composites would give 3.5).</summary>
    public int? ImageSize { get; init; }
    /// <summary>Deviation from spec §2.4, off by default: class maps from the cosine of L2-normalised features and
    /// dictionary atoms instead of their raw dot product (see <c>ClassAwareObjectMaps</c>).</summary>
    public bool CosineObjectMaps { get; init; }
    /// <summary>How the class maps' shared affine <c>α·M + β</c> starts. <see cref="IdentityObjectMapInit"/> (the
    /// default, a deviation from spec §2.4, docs/method.md): α = 1, β = 0, so the atom closest to a pixel's feature wins
    /// it from the first step. <see cref="ReferenceObjectMapInit"/>: PyTorch's Conv3d init, as the reference, which draws
    /// α from U(−1, 1), so its sign is a coin toss that a few steps at lr 1e-4 cannot undo (a negative α gives each
    /// pixel to the atom farthest from it).</summary>
    public string ObjectMapInit { get; init; } = IdentityObjectMapInit;
    public const string IdentityObjectMapInit = "identity";
    public const string ReferenceObjectMapInit = "reference";
    /// <summary>Test images drawn to <c>pictures/</c> (0: none).</summary>
    public int Pictures { get; init; } = 8;
}
