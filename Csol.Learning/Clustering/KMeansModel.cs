using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Clustering;

/// <summary>A fitted k-means: centres (row-major K × D), the training points' labels, and how good the fit is.</summary>
/// <param name="Labels">Cluster of each training point (the pseudo-labels).</param>
/// <param name="Inertia">Sum of squared distances of the points to their centres (of the normalised points if normalised).</param>
/// <param name="Iterations">Lloyd iterations of the winning restart.</param>
public sealed record KMeansModel(double[] Centres, int Dimension, int[] Labels, double Inertia, int Iterations, bool NormalizeRows)
{
    public int Clusters => Centres.Length / Dimension;

    /// <summary>Nearest centre for new points (sklearn's <c>kmeans.predict</c>; the reference labels the val set so).</summary>
    public int[] Predict(Tensor points)
    {
        using var scope = NewDisposeScope();
        var x = Prepare(points, NormalizeRows);
        var centres = tensor(Centres, [Clusters, Dimension]);
        return SquaredDistances(x, centres).argmin(1).to_type(ScalarType.Int32).data<int>().ToArray();
    }

    internal static Tensor Prepare(Tensor points, bool normalizeRows)
    {
        if (points.dim() != 2)
            throw new ArgumentException($"expected (N, D) points, got shape [{string.Join(", ", points.shape)}]", nameof(points));
        var x = points.detach().to(CPU).to_type(ScalarType.Float64);
        return normalizeRows ? nn.functional.normalize(x, p: 2, dim: 1) : x;
    }

    /// <summary>‖x_i − c_k‖² for all pairs, (N, K), as ‖x‖² − 2x·c + ‖c‖² clamped at 0 against rounding.</summary>
    internal static Tensor SquaredDistances(Tensor x, Tensor centres)
    {
        using var minusTwo = (-2.0).ToScalar();
        using var zero = 0.0.ToScalar();
        var cross = x.matmul(centres.t()).mul_(minusTwo);
        return cross.add_(x.pow(2).sum(1, keepdim: true)).add_(centres.pow(2).sum(1).unsqueeze(0)).clamp_min_(zero);
    }
}
