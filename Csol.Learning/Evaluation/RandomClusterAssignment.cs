namespace Csol.Learning.Evaluation;

/// <summary>A seeded random cluster↔class assignment with the same constraints as <see cref="ClusterClassMatching"/>
/// (every class ≥ 1 cluster, every cluster one class): the floor that matching must beat.</summary>
/// <remarks>One draw of the reference's search (spec §4.2): a random permutation of the clusters, the first C going
/// one-to-one to the classes, the rest to random classes.</remarks>
public static class RandomClusterAssignment
{
    public static ClusterClassAssignment Create(int classes, int clusters, int seed, double[,]? profit = null)
    {
        if (clusters < classes)
            throw new ArgumentException($"Need at least as many clusters as classes, got {clusters} for {classes}.", nameof(clusters));
        var random = new Random(seed);
        var order = Enumerable.Range(0, clusters).ToArray();
        random.Shuffle(order);
        var classOf = new int[clusters];
        for (var i = 0; i < clusters; i++)
            classOf[order[i]] = i < classes ? i : random.Next(classes);
        return ClusterAssignments.FromClassOfCluster(classOf, classes, profit);
    }
}

/// <summary>Building a <see cref="ClusterClassAssignment"/> from each cluster's class (random baselines, matching.json).</summary>
public static class ClusterAssignments
{
    public static ClusterClassAssignment FromClassOfCluster(int[] classOfCluster, int classes, double[,]? profit = null)
    {
        var clusters = classOfCluster.Length;
        var assignment = new bool[classes, clusters];
        for (var k = 0; k < clusters; k++)
            assignment[classOfCluster[k], k] = true;
        var primary = Enumerable.Range(0, classes).Select(c => Array.IndexOf(classOfCluster, c)).ToArray();
        if (primary.Any(k => k < 0))
            throw new ArgumentException("Every class needs at least one cluster.", nameof(classOfCluster));
        var total = profit is null ? double.NaN : Enumerable.Range(0, clusters).Sum(k => profit[classOfCluster[k], k]);
        return new ClusterClassAssignment(assignment, classOfCluster.ToArray(), primary, total);
    }
}
