namespace Csol.Learning.Clustering;

/// <summary>Normalised mutual information between two labelings, as sklearn's
/// <c>normalized_mutual_info_score</c> with its default arithmetic-mean normalisation:
/// <c>NMI = I(U;V) / ((H(U) + H(V)) / 2)</c>, natural logarithms (the base cancels).</summary>
/// <remarks>The reference logs this between pseudo-labels and true classes after every clustering (spec §2.3). Edge
/// cases follow sklearn: both labelings constant → 1; exactly one constant → 0.</remarks>
public static class NormalizedMutualInformation
{
    public static double Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"labelings differ in length: {truth.Count} vs {predicted.Count}");
        var n = (double)truth.Count;
        var truthCounts = truth.CountBy(x => x).ToDictionary();
        var predictedCounts = predicted.CountBy(x => x).ToDictionary();
        if (truth.Count == 0 || (truthCounts.Count == 1 && predictedCounts.Count == 1))
            return 1.0;

        var joint = truth.Zip(predicted).CountBy(pair => pair);
        var mutualInformation = 0.0;
        foreach (var ((t, p), count) in joint)
            mutualInformation += count / n * Math.Log(n * count / ((double)truthCounts[t] * predictedCounts[p]));
        var mean = (Entropy(truthCounts.Values, n) + Entropy(predictedCounts.Values, n)) / 2;
        return mean <= 0 ? 0 : Math.Clamp(mutualInformation / mean, 0, 1);
    }

    private static double Entropy(IEnumerable<int> counts, double n)
        => -counts.Sum(c => c / n * Math.Log(c / n));
}
