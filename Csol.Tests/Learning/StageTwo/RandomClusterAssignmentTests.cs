using Csol.Learning.Evaluation;
using Xunit;

namespace Csol.Tests.Learning.StageTwo;

[Trait("Category", "unit")]
public sealed class RandomClusterAssignmentTests
{
    [Fact]
    public void Create_SameSeed_SameAssignment_DifferentSeed_Differs()
    {
        var first = RandomClusterAssignment.Create(classes: 4, clusters: 7, seed: 11);
        var second = RandomClusterAssignment.Create(classes: 4, clusters: 7, seed: 11);
        var others = Enumerable.Range(0, 5).Select(s => RandomClusterAssignment.Create(4, 7, seed: 100 + s).ClassOfCluster).ToArray();

        Assert.Equal(first.ClassOfCluster, second.ClassOfCluster);
        Assert.Equal(first.PrimaryCluster, second.PrimaryCluster);
        Assert.Contains(others, o => !o.SequenceEqual(first.ClassOfCluster));
    }

    [Fact]
    public void Create_EveryClassGetsACluster_EveryClusterOneClass()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var assignment = RandomClusterAssignment.Create(classes: 3, clusters: 5, seed);

            for (var c = 0; c < 3; c++)
                Assert.NotEmpty(assignment.ClustersOf(c));
            for (var k = 0; k < 5; k++)
                Assert.Equal(1, Enumerable.Range(0, 3).Count(c => assignment.Assignment[c, k]));
        }
    }
}
