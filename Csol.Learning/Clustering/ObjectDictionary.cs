using TorchSharp;
using static TorchSharp.torch;

namespace Csol.Learning.Clustering;

/// <summary>The object dictionary of one epoch (spec §2.3) with the clustering it came from.</summary>
/// <param name="Epoch">0-based epoch whose features were clustered.</param>
/// <param name="Atoms">K rows of 8w: <c>D_k</c> = mean of the <em>un-normalised</em> object features with pseudo-label k
/// (the reference's <c>obj_feature_softmax_avg_fc_epoch_{e}_av_entire.npy</c>). A cluster without members (possible only
/// for a dictionary built from someone else's labels) gets a zero row.</param>
/// <param name="PseudoLabels">k-means label of every training clip, in clip order (<c>cluster_{e}.pkl</c>'s pseudo_label).</param>
/// <param name="TrueLabels">True class of every training clip (<c>cluster_{e}.pkl</c>'s gt_labels).</param>
/// <param name="Nmi">NMI of the pseudo-labels against the true classes.</param>
public sealed record ObjectDictionary(int Epoch, float[][] Atoms, int[] PseudoLabels, int[] TrueLabels, double Nmi)
{
    public int Clusters => Atoms.Length;

    /// <param name="objectFeatures">(N, C) un-normalised object features, in the order of the labels.</param>
    public static ObjectDictionary Build(int epoch, Tensor objectFeatures, int[] pseudoLabels, int[] trueLabels, int clusters)
    {
        if (objectFeatures.shape[0] != pseudoLabels.Length || trueLabels.Length != pseudoLabels.Length)
            throw new ArgumentException($"{objectFeatures.shape[0]} features, {pseudoLabels.Length} pseudo-labels, {trueLabels.Length} true labels");
        using var scope = NewDisposeScope();
        var features = objectFeatures.detach().cpu().to_type(ScalarType.Float64);
        var width = (int)features.shape[1];
        var labels = tensor(pseudoLabels.Select(l => (long)l).ToArray());
        using var one = 1.0.ToScalar();
        var sums = zeros(clusters, width, dtype: ScalarType.Float64).index_add_(0, labels, features, one);
        var counts = new double[clusters];
        foreach (var label in pseudoLabels)
            counts[label]++;
        var means = (sums / tensor(counts.Select(c => Math.Max(c, 1)).ToArray()).unsqueeze(1)).to_type(ScalarType.Float32);
        var flat = means.data<float>().ToArray();
        var atoms = Enumerable.Range(0, clusters).Select(k => flat.AsSpan(k * width, width).ToArray()).ToArray();
        return new ObjectDictionary(epoch, atoms, pseudoLabels, trueLabels,
            NormalizedMutualInformation.Compute(trueLabels, pseudoLabels));
    }

    /// <summary>D as a (K, C) tensor, e.g. for stage two's class-aware maps.</summary>
    public Tensor ToTensor(Device? device = null)
        => tensor(Atoms.SelectMany(a => a).ToArray(), [Clusters, Atoms[0].Length], device: device);

    public void Write(BinaryWriter writer)
    {
        writer.Write(Epoch);
        writer.Write(Nmi);
        writer.Write(Clusters);
        writer.Write(Atoms[0].Length);
        foreach (var atom in Atoms)
            foreach (var value in atom)
                writer.Write(value);
        WriteInts(writer, PseudoLabels);
        WriteInts(writer, TrueLabels);
    }

    public static ObjectDictionary Read(BinaryReader reader)
    {
        var epoch = reader.ReadInt32();
        var nmi = reader.ReadDouble();
        var clusters = reader.ReadInt32();
        var width = reader.ReadInt32();
        var atoms = new float[clusters][];
        for (var k = 0; k < clusters; k++)
        {
            atoms[k] = new float[width];
            for (var j = 0; j < width; j++)
                atoms[k][j] = reader.ReadSingle();
        }
        return new ObjectDictionary(epoch, atoms, ReadInts(reader), ReadInts(reader), nmi);
    }

    private static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
            writer.Write(value);
    }

    private static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.ReadInt32();
        return values;
    }
}
