using Csol.Learning.Experiments;
using Csol.Tests.Learning.StageTwo;

namespace Csol.Tests.Learning.Detection;

/// <summary>The tiny pipeline as the detection kind, with a detector small enough for seconds of training.</summary>
internal static class DetectionTinyConfigs
{
    public static ExperimentConfig Detection(double minPeak = 0.3) => StageTwoTinyConfigs.Pipeline() with
    {
        Name = "tiny-detection",
        Kind = ExperimentKinds.Detection,
        Detection = new DetectionConfig
        {
            PseudoBoxes = new PseudoBoxConfig { MinPeak = minPeak },
            Detector = new DetectorConfig { HeadChannels = 8, UpsampleLayers = 1, Epochs = 2, BatchSize = 8, TopK = 8 },
        },
    };
}
