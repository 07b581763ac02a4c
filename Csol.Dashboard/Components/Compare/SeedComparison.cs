using System.Text.Json.Nodes;
using Csol.Abstractions;

namespace Csol.Dashboard.Components.Compare;

/// <summary>Compared runs whose configs differ only in seed (and name, group, priority), as one row: mean ± sample std
/// and n per metric. Stored configs are normalised (every field written), so equal text means an equal config.</summary>
public static class SeedComparison
{
    private static readonly string[] Labels = ["seed", "name", "group", "priority"];

    /// <summary>A row per seed group of two or more runs, in the runs' order.</summary>
    public static IReadOnlyList<SeedGroupRow> Groups(IReadOnlyList<ComparedRun> runs)
    {
        var rows = new List<SeedGroupRow>();
        foreach (var group in runs.GroupBy(r => Neutral(r.Snapshot.ConfigJson)).Where(g => g.Key is not null && g.Count() >= 2))
        {
            var members = group.ToArray();
            var cells = new Dictionary<string, SeedStatistic>(StringComparer.Ordinal);
            foreach (var metric in Comparison.MetricNames(members))
            {
                var values = members.Where(m => m.Metrics.ContainsKey(metric)).Select(m => m.Metrics[metric]).ToArray();
                if (values.Length > 0)
                    cells[metric] = SeedStatistic.Of(values);
            }
            rows.Add(new SeedGroupRow(members, cells));
        }
        return rows;
    }

    private static string? Neutral(string configJson)
    {
        try
        {
            if (JsonNode.Parse(configJson) is not JsonObject config)
                return null;
            foreach (var label in Labels)
                config.Remove(label);
            return config.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>One seed group of compared runs and its statistics per metric.</summary>
public sealed record SeedGroupRow(IReadOnlyList<ComparedRun> Runs, IReadOnlyDictionary<string, SeedStatistic> Cells);
