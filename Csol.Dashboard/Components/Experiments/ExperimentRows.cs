using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Dashboard.Components.Experiments;

/// <summary>How the experiments table writes a row's cells and which column sorts by what.</summary>
public static class ExperimentRows
{
    public static string? BestName(ExperimentSummary row) => ExperimentRanking.BestMetric(row.FinalMetrics)?.Name;

    public static string BestText(ExperimentSummary row) => ExperimentRanking.BestMetric(row.FinalMetrics) is { } b
        ? $"{b.Name.Replace("val_", "", StringComparison.Ordinal)} {b.Value.ToString("0.###", CultureInfo.InvariantCulture)}"
        : "–";

    /// <summary>A running experiment's place: its step of the total.</summary>
    public static string StepText(ExperimentSnapshot s) => $"step {s.LastStep} of {s.TotalSteps}";

    public static string Time(DateTimeOffset? t) =>
        t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "–";
}
