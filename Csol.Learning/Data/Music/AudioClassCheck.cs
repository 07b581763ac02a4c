using Csol.Learning.Data.Npy;

namespace Csol.Learning.Data.Music;

/// <summary>What <see cref="AudioClassCheck"/> found: nearest-class-mean accuracy on the test split's clips.</summary>
/// <param name="PerClass">Class name → (correctly labelled, test clips of the class), for classes with test clips.</param>
public sealed record AudioClassCheckResult(int TrainClips, int TestClips, int Classes, double Accuracy, double Chance,
    IReadOnlyDictionary<string, (int Correct, int Total)> PerClass);

/// <summary>
/// Does a MUSIC-layout folder's audio identify the class across videos? A diagnostic for stage one: if the audio of
/// unseen videos cannot be told apart by class, no localization can follow the audio. Each 1-s log-mel clip
/// (201 × 64) becomes its per-band mean and standard deviation over time (128 numbers), standardised on the training
/// clips; class means come from the training split and each test clip gets the class of the nearest mean (Euclidean).
/// </summary>
public static class AudioClassCheck
{
    private const int Bands = 64;

    public static AudioClassCheckResult Run(string root, string trainSplit, string testSplit)
    {
        var videoClasses = SoloVideoClasses.Load(root, "the audio check");
        var train = Clips(root, trainSplit, videoClasses);
        var test = Clips(root, testSplit, videoClasses);
        if (train.Count == 0 || test.Count == 0)
            throw new InvalidDataException(
                $"{(train.Count == 0 ? trainSplit : testSplit)}: no audio clip under {Path.Combine(root, "audio_frames")}.");

        var (mean, std) = Standardisation(train.Select(c => c.Features).ToList());
        double[] Z(double[] f) => f.Select((x, d) => (x - mean[d]) / std[d]).ToArray();
        var centroids = train.GroupBy(c => c.Label)
            .ToDictionary(g => g.Key, g => Average(g.Select(c => Z(c.Features)).ToList()));

        var perClass = new SortedDictionary<string, (int Correct, int Total)>(StringComparer.Ordinal);
        var correct = 0;
        foreach (var clip in test)
        {
            var z = Z(clip.Features);
            var guess = centroids.MinBy(kv => SquaredDistance(z, kv.Value)).Key;
            var name = videoClasses.Classes.NameOf(clip.Label);
            var (right, total) = perClass.GetValueOrDefault(name);
            perClass[name] = (right + (guess == clip.Label ? 1 : 0), total + 1);
            correct += guess == clip.Label ? 1 : 0;
        }

        return new AudioClassCheckResult(train.Count, test.Count, centroids.Count, (double)correct / test.Count, 1.0 / centroids.Count, perClass);
    }

    /// <summary>Per-band mean and (population) standard deviation over time of a (time × 64 bands) log-mel.</summary>
    public static double[] BandStatistics(float[,] logMel)
    {
        var (frames, bands) = (logMel.GetLength(0), logMel.GetLength(1));
        var features = new double[2 * bands];
        for (var b = 0; b < bands; b++)
        {
            double sum = 0, squares = 0;
            for (var t = 0; t < frames; t++)
                sum += logMel[t, b];
            var m = sum / frames;
            for (var t = 0; t < frames; t++)
                squares += (logMel[t, b] - m) * (logMel[t, b] - m);
            features[2 * b] = m;
            features[2 * b + 1] = Math.Sqrt(squares / frames);
        }
        return features;
    }

    private sealed record Clip(int Label, double[] Features);

    private static List<Clip> Clips(string root, string split, SoloVideoClasses videoClasses)
    {
        var clips = new List<Clip>();
        foreach (var video in SplitListReader.Read(Path.Combine(root, split)))
        {
            if (!videoClasses.TryGetClass(video, out var label))
                throw new InvalidDataException($"{videoClasses.Path}: video {video} of {split} is in no class list.");
            var folder = Path.Combine(root, "audio_frames", video);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"{folder}: no audio for video {video} of {split}.");
            foreach (var file in Directory.EnumerateFiles(folder, "*.npy").Order(StringComparer.Ordinal))
                clips.Add(new Clip(label, BandStatistics(NpyFile.ReadFloat32Matrix(file, NpyFile.LogMelShape[0], Bands))));
        }
        return clips;
    }

    private static (double[] Mean, double[] Std) Standardisation(List<double[]> features)
    {
        var mean = Average(features);
        var std = new double[mean.Length];
        for (var d = 0; d < mean.Length; d++)
        {
            var variance = features.Average(f => (f[d] - mean[d]) * (f[d] - mean[d]));
            // A constant feature carries nothing; dividing by 1 leaves it out of the distance.
            std[d] = variance > 0 ? Math.Sqrt(variance) : 1;
        }
        return (mean, std);
    }

    private static double[] Average(List<double[]> vectors)
    {
        var sum = new double[vectors[0].Length];
        foreach (var v in vectors)
            for (var d = 0; d < sum.Length; d++)
                sum[d] += v[d];
        return sum.Select(s => s / vectors.Count).ToArray();
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double sum = 0;
        for (var d = 0; d < a.Length; d++)
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        return sum;
    }
}
