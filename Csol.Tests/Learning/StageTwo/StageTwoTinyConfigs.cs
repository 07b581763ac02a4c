using Csol.Learning.Experiments;

namespace Csol.Tests.Learning.StageTwo;

/// <summary>A pipeline small enough to run stage one, stage two and the evaluation in seconds on two cores.</summary>
internal static class StageTwoTinyConfigs
{
    public static ExperimentConfig Pipeline(int stageTwoEpochs = 2, double stageTwoLearningRate = 3e-3) => new()
    {
        Name = "tiny-pipeline", Kind = ExperimentKinds.Pipeline, Seed = 5, Device = "cpu",
        Data = new ProceduralDataConfig { Classes = 4, TrainClips = 32, ValClips = 8, ImageSize = 32, AudioFrames = 32, MelBands = 16 },
        Model = new StageOneModelConfig { BaseWidth = 4, ProjectionDim = 8 },
        Training = new TrainingConfig
        {
            Epochs = 2, BatchSize = 8, LearningRate = 3e-3, ValidateEveryEpoch = false, UseClassTask = true,
            ClassPhaseFromEpoch = 1, ClassIterations = 1, Clusters = 4, KMeansRestarts = 2,
        },
        StageTwo = new StageTwoConfig
        {
            TrainComposites = 16, TestComposites = 4, Epochs = stageTwoEpochs, BatchSize = 8,
            LearningRate = stageTwoLearningRate, Pictures = 2,
        },
    };
}
