using Csol.Learning.Clustering;
using Csol.Learning.Data;
using Csol.Learning.Experiments;
using Csol.Learning.Models;
using Csol.Learning.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Training;

/// <summary>The second half of a stage-one epoch (spec §2.3): cluster the object features into pseudo-classes, build the
/// object dictionary, then train both classification heads (and, through them, the backbones) on the pseudo-labels.</summary>
public static class ClassificationPhase
{
    /// <summary>Extracts object features on the training set, runs k-means and builds the dictionary.</summary>
    public static ObjectDictionary Cluster(StageOneLocalizationNet net, IStageOneData train, ExperimentConfig config,
        int epoch, Device device, CancellationToken cancellationToken)
    {
        var training = config.Training;
        var batches = train.Positives(seed: 0, training.BatchSize, train: false, device, cancellationToken).Select(b => (b.Audio, b.Images));
        var classes = train.TrainClasses.ToArray();
        using (var features = ObjectFeatureExtractor.Extract(net, batches, training.MaskThreshold, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kMeans = new KMeansClustering(new KMeansOptions(training.Clusters, training.KMeansRestarts,
                training.KMeansMaxIterations, training.KMeansTolerance, Seed: DataOrder.Seed(config.Seed, epoch, pass: -1)));
            var model = kMeans.Fit(features);
            return ObjectDictionary.Build(epoch, features, model.Labels, classes, training.Clusters);
        }
    }

    /// <summary>One step of <c>L_cls = CE(v_logits, y) + CE(a_logits, y)</c>, updating the location optimizer's
    /// parameters (backbones, projections) and the heads. Returns the loss.</summary>
    /// <param name="locationOptimizer">Null trains the heads only: the backbones run without gradient and the location
    /// optimizer's parameters and Adam moments are left untouched (<c>training.classPhaseBackboneLearningRate</c> 0).</param>
    public static double Step(StageOneLocalizationNet net, AdamOptimizer? locationOptimizer, AdamOptimizer headOptimizer,
        Tensor audio, Tensor images, Tensor pseudoLabels)
    {
        using var scope = NewDisposeScope();
        locationOptimizer?.ZeroGrad();
        headOptimizer.ZeroGrad();
        var (visualLogits, audioLogits) = locationOptimizer is null ? ClassifyFrozen(net, images, audio) : net.Classify(images, audio);
        var loss = nn.functional.cross_entropy(visualLogits, pseudoLabels) + nn.functional.cross_entropy(audioLogits, pseudoLabels);
        loss.backward();
        locationOptimizer?.Step();
        headOptimizer.Step();
        return loss.item<float>();
    }

    private static (Tensor Visual, Tensor Audio) ClassifyFrozen(StageOneLocalizationNet net, Tensor images, Tensor audio)
    {
        Tensor visualFeatures, audioFeatures;
        using (no_grad())
        {
            visualFeatures = net.VisualFeatures(images);
            audioFeatures = net.AudioFeatures(audio);
        }
        return net.Classifier.forward(visualFeatures, audioFeatures);
    }
}

/// <summary>Seeds for every shuffled pass, as a pure function of (seed, epoch, pass), so a resumed run replays the
/// same order without storing any <see cref="Random"/> state.</summary>
public static class DataOrder
{
    /// <param name="pass">0 for the localization phase, 1… for classification passes, −1 for k-means.</param>
    public static int Seed(int seed, int epoch, int pass) => unchecked(seed * 1_000_003 + epoch * 7919 + pass * 131 + 17);
}
