namespace Csol.Learning.Evaluation;

/// <summary>Which clusters stand for which class (spec §4.2).</summary>
/// <param name="Assignment">X (C×K): X[c,k] is true when cluster k belongs to class c; every cluster has exactly one class,
/// every class at least one cluster.</param>
/// <param name="ClassOfCluster">For each cluster, its class.</param>
/// <param name="PrimaryCluster">For each class, <c>argmax_k X[c,k]</c>, i.e. its first cluster index, as the reference's
/// <c>corr</c> (used by NSA to tell which maps belong to a sounding class's primary cluster).</param>
/// <param name="Profit">Σ X ⊙ A, the matched fraction summed over classes.</param>
public sealed record ClusterClassAssignment(bool[,] Assignment, int[] ClassOfCluster, int[] PrimaryCluster, double Profit)
{
    public int Classes => Assignment.GetLength(0);
    public int Clusters => Assignment.GetLength(1);

    /// <summary>The clusters merged into class <paramref name="classIndex"/>'s map.</summary>
    public IEnumerable<int> ClustersOf(int classIndex) =>
        Enumerable.Range(0, Clusters).Where(k => Assignment[classIndex, k]);
}

public static class ClusterClassMatching
{
    /// <summary>A[c,k] = #(truth = c ∧ pseudo = k) / #(truth = c) on the stage-one training set.</summary>
    public static double[,] ProfitMatrix(IReadOnlyList<int> pseudoLabels, IReadOnlyList<int> trueLabels, int classes, int clusters)
    {
        if (pseudoLabels.Count != trueLabels.Count)
            throw new ArgumentException($"{pseudoLabels.Count} pseudo-labels but {trueLabels.Count} true labels.");
        var counts = new double[classes, clusters];
        var perClass = new int[classes];
        for (var i = 0; i < trueLabels.Count; i++)
        {
            var (c, k) = (trueLabels[i], pseudoLabels[i]);
            if ((uint)c >= classes || (uint)k >= clusters)
                throw new ArgumentOutOfRangeException(nameof(trueLabels),
                    $"sample {i}: class {c} / cluster {k} outside {classes} classes × {clusters} clusters");
            counts[c, k]++;
            perClass[c]++;
        }
        for (var c = 0; c < classes; c++)
            for (var k = 0; k < clusters; k++)
                counts[c, k] = perClass[c] == 0 ? 0 : counts[c, k] / perClass[c];
        return counts;
    }

    /// <summary>Exact maximum of Σ X ⊙ A over assignments where each class gets ≥ 1 cluster and each cluster one class.
    /// K×K assignment: columns 0..C-1 are the classes (one mandatory cluster each); K−C free columns, each worth
    /// <c>max_c A[c,k]</c> to cluster k, take the spare clusters, which then go to their best class.</summary>
    public static ClusterClassAssignment Match(double[,] profit)
    {
        int classes = profit.GetLength(0), clusters = profit.GetLength(1);
        if (clusters < classes)
            throw new ArgumentException($"Need at least as many clusters as classes, got {clusters} clusters for {classes} classes.", nameof(profit));

        var best = new double[clusters];
        var bestClass = new int[clusters];
        for (var k = 0; k < clusters; k++)
            for (var c = 0; c < classes; c++)
                if (c == 0 || profit[c, k] > best[k])
                    (best[k], bestClass[k]) = (profit[c, k], c);

        // Minimise (max − profit) to maximise profit; rows are clusters, columns classes then free slots.
        var top = best.Max();
        var cost = new double[clusters, clusters];
        for (var k = 0; k < clusters; k++)
            for (var j = 0; j < clusters; j++)
                cost[k, j] = top - (j < classes ? profit[j, k] : best[k]);
        var column = HungarianAlgorithm.Solve(cost);

        var assignment = new bool[classes, clusters];
        var classOf = new int[clusters];
        var total = 0.0;
        for (var k = 0; k < clusters; k++)
        {
            classOf[k] = column[k] < classes ? column[k] : bestClass[k];
            assignment[classOf[k], k] = true;
            total += profit[classOf[k], k];
        }
        var primary = Enumerable.Range(0, classes)
            .Select(c => Enumerable.Range(0, clusters).First(k => assignment[c, k])).ToArray();
        return new ClusterClassAssignment(assignment, classOf, primary, total);
    }
}
