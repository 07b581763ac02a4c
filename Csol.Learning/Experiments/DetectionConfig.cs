namespace Csol.Learning.Experiments;

/// <summary>The <c>detection</c> kind's transfer to unsupervised object detection (docs/detection.md): pseudo-boxes
/// from stage two's class maps, a CenterNet-like detector trained on them, and VOC AP50 on the annotated test frames.</summary>
public sealed record DetectionConfig
{
    public PseudoBoxConfig PseudoBoxes { get; init; } = new();
    public DetectorConfig Detector { get; init; } = new();

    /// <summary>Music: the annotated test frames (<c>solotest.json</c> layout), relative to <c>data.root</c> or absolute;
    /// each file is evaluated on its own. Procedural: ignored; the test images are stage two's held-out composites
    /// (<c>stageTwo.testComposites</c>) with every shown object's box.</summary>
    public IReadOnlyList<string> TestAnnotations { get; init; } = ["solotest.json", "duettest.json"];

    /// <summary>IoU at which a detection counts (0.5: AP50).</summary>
    public double IoUThreshold { get; init; } = 0.5;

    /// <summary>Seed of the random-boxes baseline.</summary>
    public int BaselineSeed { get; init; } = 1;

    /// <summary>Random boxes per test image in the random baseline.</summary>
    public int RandomBoxesPerImage { get; init; } = 10;

    /// <summary>Also train the same detector on the true boxes of the training images (the upper bound).</summary>
    public bool TrainOnTrueBoxes { get; init; } = true;
}

/// <summary>How class maps become boxes (the paper's "boxes from heatmaps").</summary>
public sealed record PseudoBoxConfig
{
    public const string MeanScore = "mean";
    public const string MaxScore = "max";
    public const string SoundingMaps = "sounding";
    public const string VisualMaps = "visual";

    /// <summary><c>sounding</c>: P = softmax(scale·S) with each training frame's own audio, the maps stage two's
    /// evaluation scores. <c>visual</c>: softmax(scale·M) of the dictionary responses alone (no audio, every object).</summary>
    public string Maps { get; init; } = SoundingMaps;
    /// <summary>A class map's pixels at or above this fraction of its maximum form the mask.</summary>
    public double RelativeThreshold { get; init; } = 0.5;
    /// <summary>A class gets boxes only when its map's peak (a probability) reaches this.</summary>
    public double MinPeak { get; init; } = 0.5;
    /// <summary>Components whose box covers less than this fraction of the frame are dropped.</summary>
    public double MinArea { get; init; } = 0.005;
    /// <summary>Box score: <c>mean</c> (default) or <c>max</c> of the class map inside the component.</summary>
    public string Score { get; init; } = MeanScore;
    /// <summary>Class-wise NMS drops a box overlapping a better one of its class by more than this IoU.</summary>
    public double NmsIoU { get; init; } = 0.5;
}

/// <summary>The CenterNet-like detector (docs/detection.md): ResNet-18 trunk, upsampling neck, centre-heatmap, size and
/// offset heads.</summary>
public sealed record DetectorConfig
{
    public const string ModelInit = "model";
    public const string StageTwoInit = "stage-two";
    public const string ScratchInit = "scratch";
    public const string ImageNetInit = "imagenet";
    public static readonly IReadOnlyList<string> Inits = [ModelInit, StageTwoInit, ImageNetInit, ScratchInit];

    /// <summary>Trunk initialisation. <c>model</c> (default): as stage one's visual trunk (<c>model.visualInit</c>:
    /// <c>imagenet</c>, <c>scratch</c> or a weights file), so whatever stage one accepts the detector accepts.
    /// <c>stage-two</c>: the pipeline's trained visual ResNet-18 (the audiovisual network itself transfers).
    /// <c>imagenet</c>: the ImageNet ResNet-18 whatever stage one used. <c>scratch</c>: random.</summary>
    public string Init { get; init; } = ModelInit;
    /// <summary>Channels of the neck and heads.</summary>
    public int HeadChannels { get; init; } = 64;
    /// <summary>×2 upsampling stages after the stride-16 trunk: 2 gives CenterNet's stride 4.</summary>
    public int UpsampleLayers { get; init; } = 2;
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 16;
    public double LearningRate { get; init; } = 5e-4;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>Weight of the size L1 loss (CenterNet's 0.1).</summary>
    public double SizeWeight { get; init; } = 0.1;
    /// <summary>Weight of the centre-offset L1 loss; 0 turns the offset head off.</summary>
    public double OffsetWeight { get; init; } = 1;
    /// <summary>Gaussian radius from the IoU a box shifted by it keeps (CenterNet's 0.7).</summary>
    public double MinOverlap { get; init; } = 0.7;
    /// <summary>Horizontal-flip probability of training images (boxes flipped with them).</summary>
    public double FlipProbability { get; init; } = 0.5;
    /// <summary>Detections kept per image after 3×3 peak extraction.</summary>
    public int TopK { get; init; } = 20;
}
