using System.Text.Json;
using Csol.Learning.Clustering;

namespace Csol.Learning.Evaluation;

/// <summary><c>matching.json</c>: the cluster↔class matching of a pipeline run (spec §4.2), the reference's
/// <c>corr.npy</c> plus what it came from.</summary>
/// <param name="ClassNames">Class c's name, in the evaluation's class order.</param>
/// <param name="ClassOfCluster">For each cluster k, its class.</param>
/// <param name="PrimaryCluster">For each class, its first cluster (the reference's <c>corr</c>).</param>
/// <param name="Profit">Σ X ⊙ A of the matching.</param>
/// <param name="ProfitMatrix">A[c][k] = #(truth c ∧ pseudo k) / #(truth c) on stage one's training set.</param>
/// <param name="DictionaryEpoch">Epoch of the stage-one dictionary whose pseudo-labels were matched.</param>
/// <param name="Nmi">NMI of those pseudo-labels against the true classes.</param>
public sealed record MatchingFile(IReadOnlyList<string> ClassNames, int[] ClassOfCluster, int[] PrimaryCluster, double Profit,
    double[][] ProfitMatrix, int DictionaryEpoch, double Nmi)
{
    public const string FileName = "matching.json";
    private static readonly JsonSerializerOptions Options = CsolJson.Document;

    /// <summary>Matches the dictionary's pseudo-labels to its true labels with the exact Hungarian matching.</summary>
    public static MatchingFile Match(ObjectDictionary dictionary, IReadOnlyList<string> classNames)
    {
        var profit = ClusterClassMatching.ProfitMatrix(dictionary.PseudoLabels, dictionary.TrueLabels, classNames.Count, dictionary.Clusters);
        var matching = ClusterClassMatching.Match(profit);
        var rows = Enumerable.Range(0, classNames.Count)
            .Select(c => Enumerable.Range(0, dictionary.Clusters).Select(k => profit[c, k]).ToArray()).ToArray();
        return new MatchingFile(classNames, matching.ClassOfCluster, matching.PrimaryCluster, matching.Profit, rows, dictionary.Epoch,
            dictionary.Nmi);
    }

    public ClusterClassAssignment ToAssignment() => ClusterAssignments.FromClassOfCluster(ClassOfCluster, ClassNames.Count, ProfitArray());

    public double[,] ProfitArray()
    {
        var profit = new double[ProfitMatrix.Length, ClassOfCluster.Length];
        for (var c = 0; c < ProfitMatrix.Length; c++)
            for (var k = 0; k < ClassOfCluster.Length; k++)
                profit[c, k] = ProfitMatrix[c][k];
        return profit;
    }

    public void Write(string path)
    {
        var temporary = path + ".partial";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Options));
        File.Move(temporary, path, overwrite: true);
    }

    public static MatchingFile Read(string path)
        => JsonSerializer.Deserialize<MatchingFile>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty");
}
