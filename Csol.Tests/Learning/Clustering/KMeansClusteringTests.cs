using Csol.Learning.Clustering;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Clustering;

[Trait("Category", "unit")]
public sealed class KMeansClusteringTests
{
    // Three tight blobs around (0,0), (10,0) and (0,10), four points each, interleaved so order gives nothing away.
    private static (torch.Tensor Points, int[] Truth) ThreeBlobs()
    {
        var centres = new[] { (0f, 0f), (10f, 0f), (0f, 10f) };
        var offsets = new[] { (0.1f, 0f), (-0.1f, 0.1f), (0f, -0.1f), (0.05f, 0.05f) };
        var values = new List<float>();
        var truth = new List<int>();
        foreach (var (dx, dy) in offsets)
            for (var k = 0; k < 3; k++)
            {
                values.AddRange([centres[k].Item1 + dx, centres[k].Item2 + dy]);
                truth.Add(k);
            }
        return (torch.tensor(values.ToArray(), [12, 2]), truth.ToArray());
    }

    [Fact]
    public void Fit_SeparableBlobs_FindsTheThreeTrueClusters()
    {
        var (points, truth) = ThreeBlobs();
        using var _ = points;

        var model = new KMeansClustering(new KMeansOptions(3, Restarts: 3, Seed: 1, NormalizeRows: false)).Fit(points);

        Assert.Equal(1.0, NormalizedMutualInformation.Compute(truth, model.Labels), 12);
        // Within-blob spread only: 4 offsets per blob, squared lengths summed around each blob's mean.
        Assert.True(model.Inertia < 0.2, $"inertia {model.Inertia}");
        Assert.Equal(model.Labels[0], model.Predict(torch.tensor(new float[] { 0.2f, -0.1f }, [1, 2]))[0]);
    }

    [Fact]
    public void Fit_SameSeed_GivesSameCentres_DifferentSeedMayNot()
    {
        using var points = torch.rand(40, 3, generator: new torch.Generator(5));
        var options = new KMeansOptions(4, Restarts: 1, Seed: 42, NormalizeRows: false);

        var first = new KMeansClustering(options).Fit(points);
        var second = new KMeansClustering(options).Fit(points);

        Assert.Equal(first.Centres, second.Centres);
        Assert.Equal(first.Labels, second.Labels);
    }

    [Fact]
    public void Fit_MoreClustersThanPoints_SaysSo()
    {
        using var points = torch.zeros(3, 2);

        var error = Assert.Throws<ArgumentException>(() => new KMeansClustering(new KMeansOptions(5)).Fit(points));

        Assert.Contains("5 clusters from 3 points", error.Message);
    }

    [Fact]
    public void ReseedEmptyClusters_MovesTheEmptyCentreOntoTheFarthestPoint()
    {
        // Points 0, 1, 10 on a line; both are assigned to centre 0 (at 0.5): cluster 1 is empty. Point 10 is farthest.
        using var x = torch.tensor(new double[] { 0, 1, 10 }, [3, 1]);
        using var centres = torch.tensor(new double[] { 0.5, 100 }, [2, 1]);
        using var labels = torch.tensor(new long[] { 0, 0, 0 });
        using var distances = torch.tensor(new double[] { 0.25, 10000, 0.25, 9801, 90.25, 8100 }, [3, 2]);

        KMeansClustering.ReseedEmptyClusters(x, distances, labels, [3, 0], centres);

        Assert.Equal(new double[] { 0.5, 10 }, centres.data<double>().ToArray());
    }

    [Fact]
    public void Fit_DuplicatePointsForcingAnEmptyCluster_StillLabelsEveryPoint()
    {
        // Two distinct values but K = 3: seeding must repeat a point, so Lloyd meets an empty cluster every iteration.
        using var points = torch.tensor(new float[] { 0, 0, 0, 5 }, [4, 1]);

        var model = new KMeansClustering(new KMeansOptions(3, Restarts: 2, MaxIterations: 5, Seed: 3, NormalizeRows: false)).Fit(points);

        Assert.Equal(4, model.Labels.Length);
        Assert.Equal(0, model.Inertia, 12);
        Assert.NotEqual(model.Labels[0], model.Labels[3]);
    }
}
