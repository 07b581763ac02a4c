using Csol.Learning.Evaluation;
using Xunit;

namespace Csol.Tests.Learning.Evaluation;

[Trait("Category", "unit")]
[Collection(nameof(ClusterClassMatchingTests))] // its own collection: runs in parallel
public sealed class ClusterClassMatchingTests
{
    [Fact]
    public void Hungarian_finds_the_cheapest_assignment_of_a_small_matrix()
    {
        // Rows → columns: 0→1 (1) + 1→0 (2) + 2→2 (2) = 5 is the minimum of the six permutations (others: 6, 9, 10, 7, 8).
        double[,] cost = { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };

        Assert.Equal([1, 0, 2], HungarianAlgorithm.Solve(cost));
    }

    [Fact]
    public void Profit_matrix_is_the_fraction_of_each_class_in_each_cluster()
    {
        // class 0: samples in clusters 0,0,1 → 2/3, 1/3; class 1: clusters 1,1 → 0, 1.
        var profit = ClusterClassMatching.ProfitMatrix([0, 0, 1, 1, 1], [0, 0, 0, 1, 1], classes: 2, clusters: 2);

        Assert.Equal(2.0 / 3, profit[0, 0], 12);
        Assert.Equal(1.0 / 3, profit[0, 1], 12);
        Assert.Equal(0, profit[1, 0]);
        Assert.Equal(1, profit[1, 1]);
    }

    [Fact]
    public void A_spare_cluster_goes_to_its_best_class_after_every_class_has_one()
    {
        // Mandatory: class 0 ← cluster 0 (0.6), class 1 ← cluster 2 (0.7); spare cluster 1 → class 0 (0.3 > 0.2).
        double[,] profit = { { 0.6, 0.3, 0.1 }, { 0.1, 0.2, 0.7 } };

        var match = ClusterClassMatching.Match(profit);

        Assert.Equal([0, 0, 1], match.ClassOfCluster);
        Assert.Equal([0, 2], match.PrimaryCluster);
        Assert.Equal(1.6, match.Profit, 12);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 6)]
    [InlineData(2, 6)]
    public void Matching_finds_what_brute_force_finds(int classes, int clusters)
    {
        var random = new Random(classes * 100 + clusters);
        for (var trial = 0; trial < 20; trial++)
        {
            var profit = new double[classes, clusters];
            for (var c = 0; c < classes; c++)
                for (var k = 0; k < clusters; k++)
                    profit[c, k] = Math.Round(random.NextDouble(), 2);

            var match = ClusterClassMatching.Match(profit);

            Assert.Equal(BruteForceBest(profit), match.Profit, 9);
            Assert.All(Enumerable.Range(0, classes), c => Assert.Contains(c, match.ClassOfCluster));
        }
    }

    [Fact]
    public void Fewer_clusters_than_classes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterClassMatching.Match(new double[3, 2]));
        Assert.Contains("at least as many clusters as classes", error.Message);
    }

    /// <summary>Every map of clusters to classes that leaves no class empty: C^K candidates, fine for K ≤ 6.</summary>
    private static double BruteForceBest(double[,] profit)
    {
        int classes = profit.GetLength(0), clusters = profit.GetLength(1);
        var best = double.NegativeInfinity;
        var classOf = new int[clusters];
        var total = (int)Math.Pow(classes, clusters);
        for (var code = 0; code < total; code++)
        {
            var rest = code;
            for (var k = 0; k < clusters; k++, rest /= classes)
                classOf[k] = rest % classes;
            if (classOf.Distinct().Count() < classes)
                continue;
            best = Math.Max(best, Enumerable.Range(0, clusters).Sum(k => profit[classOf[k], k]));
        }
        return best;
    }
}
