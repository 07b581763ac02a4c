using Csol.Abstractions;

namespace Csol.Dashboard.Components.Charts;

/// <summary>Metric points of one run, merged from a first read and live pushes without repeats, as chart series.</summary>
public sealed class MetricHistory
{
    private static readonly string[] Palette = ["#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b"];
    private readonly Dictionary<string, SortedDictionary<int, double>> _byName = new(StringComparer.Ordinal);

    public int Count => _byName.Values.Sum(s => s.Count);

    public void Add(IEnumerable<MetricPoint> points)
    {
        foreach (var p in points)
        {
            if (!_byName.TryGetValue(p.Name, out var series))
                _byName[p.Name] = series = new SortedDictionary<int, double>();
            series[p.Step] = p.Value; // the same (step, name) twice is one point
        }
    }

    public void Clear() => _byName.Clear();

    /// <summary>The named metrics that have points, in the order asked, each with its own colour.</summary>
    public IReadOnlyList<LineSeries> Series(IReadOnlyList<string> names) =>
        names.Select((name, i) => (name, i))
            .Where(n => _byName.ContainsKey(n.name))
            .Select(n => new LineSeries(n.name, Palette[n.i % Palette.Length],
                _byName[n.name].Select(kv => ((double)kv.Key, kv.Value)).ToArray()))
            .ToArray();
}
