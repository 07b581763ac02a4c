using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Clustering;

/// <summary>k-means settings; the defaults are sklearn's (<c>n_init</c> 10, <c>max_iter</c> 300, <c>tol</c> 1e-4).</summary>
/// <param name="NormalizeRows">L2-normalise every point first, in <see cref="KMeansClustering.Fit"/> and in
/// <see cref="KMeansModel.Predict"/>, as the reference does with the object features (spec §2.3).</param>
public sealed record KMeansOptions(
    int Clusters, int Restarts = 10, int MaxIterations = 300, double Tolerance = 1e-4, int Seed = 0, bool NormalizeRows = true);

/// <summary>Lloyd's k-means with k-means++ seeding and restarts, on TorchSharp tensors (spec §2.3, §8).</summary>
/// <remarks>Like sklearn's <c>KMeans(algorithm='lloyd')</c> except: seeding is plain k-means++ (one candidate per
/// centre; sklearn's greedy variant tries 2 + ln K and keeps the best), and the tolerance is on the summed squared centre
/// shift relative to the mean per-feature variance, as sklearn's. Work is in float64 on the CPU so results do not
/// depend on the device or on reduction order. An empty cluster is re-seeded with the point farthest from its centre
/// (sklearn relocates the same way).</remarks>
public sealed class KMeansClustering(KMeansOptions options)
{
    public KMeansModel Fit(Tensor points)
    {
        using var scope = NewDisposeScope();
        var x = KMeansModel.Prepare(points, options.NormalizeRows);
        var count = x.shape[0];
        if (options.Clusters > count)
            throw new ArgumentException($"k-means cannot make {options.Clusters} clusters from {count} points: " +
                "lower training.clusters or use more training clips.", nameof(points));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Clusters, 1);

        var random = new Random(options.Seed);
        var tolerance = options.Tolerance * x.var(0, unbiased: false).mean().item<double>();
        (Tensor Centres, int Iterations, double Inertia)? best = null;
        for (var restart = 0; restart < Math.Max(1, options.Restarts); restart++)
        {
            var (centres, iterations) = Lloyd(x, KMeansPlusPlus(x, random), tolerance);
            var inertia = KMeansModel.SquaredDistances(x, centres).amin(1).sum().item<double>();
            if (best is null || inertia < best.Value.Inertia)
                best = (centres, iterations, inertia);
        }

        var (bestCentres, bestIterations, bestInertia) = best!.Value;
        var labels = KMeansModel.SquaredDistances(x, bestCentres).argmin(1).to_type(ScalarType.Int32).data<int>().ToArray();
        return new KMeansModel(bestCentres.data<double>().ToArray(), (int)x.shape[1], labels, bestInertia, bestIterations, options.NormalizeRows);
    }

    /// <summary>k-means++ (Arthur &amp; Vassilvitskii 2007): first centre uniform, then each next one with probability ∝ D².</summary>
    internal Tensor KMeansPlusPlus(Tensor x, Random random)
    {
        var count = (int)x.shape[0];
        var chosen = new List<long> { random.Next(count) };
        var closest = KMeansModel.SquaredDistances(x, x[chosen[0]].unsqueeze(0)).squeeze(1).data<double>().ToArray();
        while (chosen.Count < options.Clusters)
        {
            var total = closest.Sum();
            var next = total <= 0 ? random.Next(count) : Sample(closest, random.NextDouble() * total);
            chosen.Add(next);
            var distances = KMeansModel.SquaredDistances(x, x[next].unsqueeze(0)).squeeze(1).data<double>().ToArray();
            for (var i = 0; i < count; i++)
                closest[i] = Math.Min(closest[i], distances[i]);
        }
        using var indices = tensor(chosen.ToArray());
        return x.index_select(0, indices);
    }

    private static int Sample(double[] weights, double target)
    {
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (target < cumulative && weights[i] > 0)
                return i;
        }
        return Array.FindLastIndex(weights, w => w > 0);
    }

    private (Tensor Centres, int Iterations) Lloyd(Tensor x, Tensor centres, double tolerance)
    {
        var clusters = options.Clusters;
        var iterations = 0;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            // One scope per iteration: the (N, K) distances of thousands of iterations would otherwise pile up until Fit returns.
            using var iterationScope = NewDisposeScope();
            var distances = KMeansModel.SquaredDistances(x, centres);
            var labels = distances.argmin(1);
            var counts = labels.bincount(null, clusters).data<long>().ToArray();
            using var one = 1.0.ToScalar();
            var sums = zeros(clusters, x.shape[1], dtype: ScalarType.Float64).index_add_(0, labels, x, one);
            var updated = sums / tensor(counts.Select(c => (double)Math.Max(c, 1)).ToArray()).unsqueeze(1);
            ReseedEmptyClusters(x, distances, labels, counts, updated);
            var shift = (updated - centres).pow(2).sum().item<double>();
            centres = updated.MoveToOuterDisposeScope();
            if (shift <= tolerance)
                break;
        }
        return (centres, iterations);
    }

    /// <summary>Moves each empty cluster's centre onto the point farthest from its own centre, farthest first.</summary>
    public static void ReseedEmptyClusters(Tensor x, Tensor distances, Tensor labels, long[] counts, Tensor centres)
    {
        if (counts.All(c => c > 0))
            return;
        var own = distances.gather(1, labels.unsqueeze(1)).squeeze(1).data<double>().ToArray();
        var farthestFirst = Enumerable.Range(0, own.Length).OrderByDescending(i => own[i]).ThenBy(i => i).GetEnumerator();
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] > 0 || !farthestFirst.MoveNext())
                continue;
            centres[k].copy_(x[farthestFirst.Current]);
        }
    }
}
