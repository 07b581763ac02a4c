using Csol.Learning.Clustering;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Clustering;

[Trait("Category", "unit")]
public sealed class ObjectDictionaryTests
{
    [Fact]
    public void Build_AtomsAreMeansOfTheUnnormalisedFeaturesPerCluster()
    {
        // Cluster 0: (1,2) and (3,4) → (2,3). Cluster 1: (10,10) alone. Normalising first would give other numbers.
        using var features = torch.tensor(new float[] { 1, 2, 10, 10, 3, 4 }, [3, 2]);

        var dictionary = ObjectDictionary.Build(epoch: 4, features, pseudoLabels: [0, 1, 0], trueLabels: [1, 0, 1], clusters: 2);

        Assert.Equal(new float[] { 2, 3 }, dictionary.Atoms[0]);
        Assert.Equal(new float[] { 10, 10 }, dictionary.Atoms[1]);
        Assert.Equal(1.0, dictionary.Nmi, 12);
        using var d = dictionary.ToTensor();
        Assert.Equal(new long[] { 2, 2 }, d.shape);
    }

    [Fact]
    public void WriteRead_RoundTrips()
    {
        using var features = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var dictionary = ObjectDictionary.Build(1, features, [1, 0], [0, 0], clusters: 2);
        using var stream = new MemoryStream();

        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            dictionary.Write(writer);
        stream.Position = 0;
        var read = ObjectDictionary.Read(new BinaryReader(stream));

        Assert.Equal(dictionary.Epoch, read.Epoch);
        Assert.Equal(dictionary.Nmi, read.Nmi);
        Assert.Equal(dictionary.Atoms, read.Atoms);
        Assert.Equal(dictionary.PseudoLabels, read.PseudoLabels);
        Assert.Equal(dictionary.TrueLabels, read.TrueLabels);
    }
}
