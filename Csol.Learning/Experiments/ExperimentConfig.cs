using System.Text.Json.Serialization;

namespace Csol.Learning.Experiments;

/// <summary>One experiment as a user writes it in <c>experiments/*.json</c>. Every field has a default.</summary>
public sealed record ExperimentConfig
{
    /// <summary>Display name; defaults to the file name when loaded from a file.</summary>
    public string Name { get; init; } = "";

    /// <summary>Optional group (a sweep's name): lists show a group's experiments together.</summary>
    public string? Group { get; init; }

    /// <summary>Scheduling priority when queued: higher starts first, equal priorities in queue order.</summary>
    public int Priority { get; init; }

    /// <summary>What to run: <c>stage-one</c>, or <c>pipeline</c> (stage one → matching → stage two → evaluation).</summary>
    public string Kind { get; init; } = "stage-one";

    /// <summary>Seed for data order, augmentation, initialisation and clustering.</summary>
    public int Seed { get; init; } = 10;

    /// <summary><c>auto</c> (CUDA when present, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "auto";

    public ProceduralDataConfig Data { get; init; } = new();
    public StageOneModelConfig Model { get; init; } = new();
    public TrainingConfig Training { get; init; } = new();
    public EvaluationConfig Evaluation { get; init; } = new();
    /// <summary>Stage two and its multi-source evaluation; used by the <c>pipeline</c> kind only.</summary>
    public StageTwoConfig StageTwo { get; init; } = new();
    /// <summary>The <c>detection</c> kind: pseudo-boxes, detector, AP50 (docs/detection.md); ignored by the other kinds.</summary>
    public DetectionConfig Detection { get; init; } = new();
    /// <summary>The <c>probe</c> kind's steps; ignored by the other kinds.</summary>
    public ProbeConfig Probe { get; init; } = new();
    /// <summary>The median stopping rule a sweep applies to its members; set by the sweep from its
    /// <c>sweep.earlyStopping</c> (docs/configs.md), null for experiments outside a sweep with that rule.</summary>
    public SweepEarlyStoppingConfig? SweepEarlyStopping { get; init; }
}

/// <summary>Where stage one's clips come from: the procedural set (default, no files) or a MUSIC-layout folder.</summary>
/// <remarks>The record keeps its historical name; the procedural fields are ignored when <see cref="Source"/> is
/// <c>music</c>, and the music fields when it is <c>procedural</c>.</remarks>
public sealed record ProceduralDataConfig
{
    public const string ProceduralSource = "procedural";
    public const string MusicSource = "music";

    /// <summary><c>procedural</c> (the generated set) or <c>music</c> (a MUSIC-layout folder such as a MUSIC-Clipart build).</summary>
    public string Source { get; init; } = ProceduralSource;
    /// <summary>Music: the dataset folder (<c>video_frames/</c>, <c>audio_frames/</c>, split lists, annotations). A relative
    /// path is resolved against the config file's folder's parent (the repository root for <c>experiments/*.json</c>).</summary>
    public string? Root { get; init; }
    /// <summary>Music: split list of the training videos, relative to <see cref="Root"/> or absolute.</summary>
    public string TrainSplit { get; init; } = "solo/solo_training_1.txt";
    /// <summary>Music: the annotated test frames (<c>solotest.json</c> layout) used for validation, relative to <see cref="Root"/> or
    /// absolute.</summary>
    public string TestAnnotations { get; init; } = "solotest.json";
    /// <summary>Music: split list of the validation videos model selection reads (MUSIC's <c>solo_validation.txt</c>; a
    /// MUSIC-Clipart build writes one), relative to <see cref="Root"/> or absolute. When the file is missing or empty no
    /// epoch is selected: the last one is scored on the test frames, and the run's <c>selection.json</c> says so.</summary>
    public string ValidationSplit { get; init; } = "solo/solo_validation.txt";
    /// <summary>Music: tasks decoding JPEGs and log-mels ahead of the trainer. Results do not depend on it.</summary>
    public int LoaderWorkers { get; init; } = 2;

    /// <summary>Number of object classes (shape + sound signature pairs).</summary>
    public int Classes { get; init; } = 4;
    /// <summary>Clips (1-s audio + one frame) generated for training.</summary>
    public int TrainClips { get; init; } = 256;
    /// <summary>Clips generated for validation (with boxes, for localization metrics).</summary>
    public int ValClips { get; init; } = 64;
    /// <summary>Clips generated for the test set (own generator stream, never seen by training or model selection):
    /// scored once, at the epoch chosen on the validation clips.</summary>
    public int TestClips { get; init; } = 64;
    /// <summary>Square frame side in pixels (224 in the paper). Music: training frames are resized to
    /// imageSize·256/224 and randomly cropped to imageSize; test frames are resized to imageSize (spec §1.1).</summary>
    public int ImageSize { get; init; } = 64;
    /// <summary>Log-mel time steps per 1-s clip (201 in the paper).</summary>
    public int AudioFrames { get; init; } = 201;
    /// <summary>Mel bands (64 in the paper).</summary>
    public int MelBands { get; init; } = 64;
    /// <summary>Consecutive clips cut from one synthetic "video" (same class); negatives come from other videos.</summary>
    public int ClipsPerVideo { get; init; } = 4;
    /// <summary>Horizontal-flip probability for training frames (spec §1.1 uses 0.5); 0 turns augmentation off.</summary>
    public double FlipProbability { get; init; } = 0.5;
}

/// <summary>Stage-one network (spec §2.1–2.2).</summary>
public sealed record StageOneModelConfig
{
    /// <summary>Channels of ResNet-18's first stage: 64 in the paper, smaller for quick runs.</summary>
    public int BaseWidth { get; init; } = 64;
    /// <summary>Width of the audio and visual projections (128 in the paper).</summary>
    public int ProjectionDim { get; init; } = 128;
    /// <summary>Initial value of the scalar <c>conv_av</c> (inverse temperature), 5.0 in the paper.</summary>
    public double ConvAvInit { get; init; } = 5.0;
    /// <summary>How the visual ResNet-18 starts (spec §2.1, docs/imagenet-weights.md): <c>imagenet</c> (the CNTK ImageNet
    /// ResNet-18 restored from NuGet), <c>scratch</c>, or a weights file (torchvision <c>.pth</c>/<c>.pt</c>, or TorchSharp's
    /// format). Left out: <c>imagenet</c> for music data at baseWidth 64, <c>scratch</c> otherwise.</summary>
    public string? VisualInit { get; init; }
    /// <summary>Older spelling of <see cref="VisualInit"/> = a weights file; kept so existing configs still load.</summary>
    public string? ImagenetWeights { get; init; }
}

public sealed record TrainingConfig
{
    public int Epochs { get; init; } = 15;
    /// <summary>Matched pairs per batch; each contributes a positive and a negative sample.</summary>
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-4;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>Validate after every epoch (true) or only after the last one (false, saves time on big sets).</summary>
    public bool ValidateEveryEpoch { get; init; } = true;
    /// <summary>How the epoch whose weights are scored on the test set is chosen: <c>val_loss</c> (lowest validation
    /// correspondence loss, the default; every validation split has it), <c>val_auc</c> or <c>val_iou@0.5</c> (highest;
    /// only for validation frames with boxes, i.e. the procedural set), or <c>last</c> (no selection).</summary>
    public string SelectBy { get; init; } = "val_loss";
    /// <summary>Intra-op threads for training and evaluation; 0 (default) keeps the process's count. The count changes
    /// the order of floating-point sums, so a recipe pinned to one gives the same figures on every machine.</summary>
    public int Threads { get; init; }

    /// <summary>Epochs (from the first) in which the visual ResNet-18 is frozen: eval mode (BatchNorm statistics fixed), no
    /// gradient, no update; the audio network, projections, <c>w</c> and the heads train. 0 (default, the paper) trains
    /// it from the first step. With ImageNet weights this trains the rest against fixed features first; the step saves
    /// the visual backward only (measured in docs/results.md).</summary>
    public int FreezeVisualEpochs { get; init; }
    /// <summary>While the trunk is frozen, compute <c>v_fea</c> once per training frame and its horizontal flip (eval
    /// transform) and train on those (<see cref="Training.Data.VisualFeatureCache"/>); the validation pairs' features are
    /// kept too. Needs a pretrained trunk (<c>imagenet</c> or a file), <c>freezeVisualEpochs</c> ≥ 1 and music data.
    /// Drops the random crop and colour jitter (docs/method.md, deviations).</summary>
    public bool CacheVisualFeatures { get; init; }
    /// <summary>Folder where <see cref="CacheVisualFeatures"/> keeps its features between runs (keyed by frames, size,
    /// transform and trunk weights); null keeps them in memory for the run only.</summary>
    public string? FeatureCacheFolder { get; init; }
    /// <summary>Alternate the localization phase with clustering and the classification phase (spec §2.3).</summary>
    public bool UseClassTask { get; init; } = true;
    /// <summary>First 0-based epoch with clustering and a classification phase (the reference's <c>init_num</c> 1).</summary>
    public int ClassPhaseFromEpoch { get; init; } = 1;
    /// <summary>Passes over the training set per classification phase (<c>class_iter</c>, 3).</summary>
    public int ClassIterations { get; init; } = 3;
    /// <summary>k-means clusters K, i.e. pseudo-classes and dictionary atoms (11; TPAMI probably 20).</summary>
    public int Clusters { get; init; } = 11;
    /// <summary>Object mask threshold τ on the localization map <c>l</c> (<c>--mask</c>, 0.05).</summary>
    public double MaskThreshold { get; init; } = 0.05;
    /// <summary>Adam learning rate of the classification heads (1e-3).</summary>
    public double HeadLearningRate { get; init; } = 1e-3;
    /// <summary>Learning rate of the backbones and projections during the classification phase; null (default) keeps
    /// <see cref="LearningRate"/>, as the reference steps its one location optimizer in both phases (spec §2.3).</summary>
    public double? ClassPhaseBackboneLearningRate { get; init; }
    /// <summary>Adam weight decay of the classification heads (1e-4).</summary>
    public double HeadWeightDecay { get; init; } = 1e-4;
    /// <summary>k-means restarts; the lowest inertia wins (sklearn's <c>n_init</c> 10).</summary>
    public int KMeansRestarts { get; init; } = 10;
    /// <summary>Lloyd iterations per restart at most (sklearn's <c>max_iter</c> 300).</summary>
    public int KMeansMaxIterations { get; init; } = 300;
    /// <summary>Stop when the centres move less than this, relative to the mean feature variance (sklearn's <c>tol</c>).</summary>
    public double KMeansTolerance { get; init; } = 1e-4;
    /// <summary>Stops training when a validation metric stops improving (<see cref="EarlyStoppingConfig"/>); null
    /// (default) trains every epoch.</summary>
    public EarlyStoppingConfig? EarlyStopping { get; init; }
}

/// <summary>Single-source localization metrics (spec §4.1).</summary>
public sealed record EvaluationConfig
{
    /// <summary>A pixel is predicted sounding when its map value exceeds this fraction of the frame's maximum.</summary>
    public double RelativeThreshold { get; init; } = 0.1;
    /// <summary>The <c>evaluation</c> kind: the checkpoint file scored (absolute; the platform fills it in from a
    /// registered checkpoint, see <c>csol evaluate</c>).</summary>
    public string? Checkpoint { get; init; }
    /// <summary>The <c>evaluation</c> kind: <c>stage-one</c> (single-source IoU/AUC on <c>data.testAnnotations</c>) or
    /// <c>stage-two</c> (class-aware CIoU/AUC/NSA on the <c>stageTwo</c> test split).</summary>
    public string? Stage { get; init; }
    /// <summary>The <c>evaluation</c> kind, stage two: the cluster↔class <c>matching.json</c> of the checkpoint's run.</summary>
    public string? Matching { get; init; }
}
