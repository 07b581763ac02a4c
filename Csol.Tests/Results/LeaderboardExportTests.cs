using Csol.Abstractions;
using Csol.Learning.Experiments;
using Csol.Silo.ExperimentResults.Export;
using Xunit;

namespace Csol.Tests.Results;

/// <summary>Seed statistics and the paper-ready text of a leaderboard, checked against hand-written expected text.</summary>
[Trait("Category", "unit")]
[Collection(nameof(LeaderboardExportTests))] // its own collection: runs in parallel
public sealed class LeaderboardExportTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Seed_statistic_is_the_mean_and_the_sample_standard_deviation()
    {
        // 1, 2, 3, 4: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, over n − 1 = 3.
        var four = SeedStatistic.Of([1, 2, 3, 4]);
        Assert.Equal(2.5, four.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), four.StandardDeviation, 12);
        Assert.Equal(4, four.Count);

        // 0.2, 0.4, 0.6: deviations ±0.2 and 0, (0.04 + 0.04) / 2 = 0.04, std 0.2 (numpy's ddof=0 would give 0.163).
        Assert.Equal(0.2, SeedStatistic.Of([0.2, 0.4, 0.6]).StandardDeviation, 12);
    }

    [Fact]
    public void One_run_has_no_standard_deviation_and_no_runs_is_refused()
    {
        var one = SeedStatistic.Of([0.7]);
        Assert.Equal((0.7, 1), (one.Mean, one.Count));
        Assert.True(double.IsNaN(one.StandardDeviation));
        Assert.Throws<ArgumentException>(() => SeedStatistic.Of([]));
    }

    [Fact]
    public void Configs_that_differ_only_in_seed_name_group_or_priority_share_a_seed_fingerprint()
    {
        var config = new ExperimentConfig { Name = "lr-1", Seed = 1, Group = "lr", Priority = 3 };
        var otherSeed = config with { Name = "lr-2", Seed = 2, Group = null, Priority = 0 };
        var otherRate = config with { Training = config.Training with { LearningRate = 3e-4 } };

        Assert.Equal(SeedFingerprint.Of(config), SeedFingerprint.Of(otherSeed));
        Assert.NotEqual(SeedFingerprint.Of(config), SeedFingerprint.Of(otherRate));
        Assert.Equal(16, SeedFingerprint.Of(config).Length);
    }

    [Fact]
    public void Markdown_lists_every_run_best_first_with_the_best_of_each_column_in_bold()
    {
        var text = ResultTableFormats.ToMarkdown(ResultTable.FromLeaderboard(Board()));

        Assert.Equal("""
            | experiment (test split) | IoU@0.5 | AUC | french_horn |
            |---|---:|---:|---:|
            | lr-1 | **0.500** | 0.400 | 0.300 |
            | base, small | 0.450 | 0.350 | – |
            | lr-2 | 0.300 | **0.600** | **0.500** |

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Seeds_of_one_config_become_one_row_with_mean_std_and_n()
    {
        var table = ResultTable.FromLeaderboard(Board(), SeedGroups);

        Assert.Equal("""
            | experiment (test split) | n | IoU@0.5 | AUC | french_horn |
            |---|---:|---:|---:|---:|
            | base, small | 1 | **0.450** | 0.350 | – |
            | lr | 2 | 0.400 ± 0.141 | **0.500 ± 0.141** | **0.400 ± 0.141** |

            """.ReplaceLineEndings("\n"), ResultTableFormats.ToMarkdown(table));
        Assert.Equal([A, B], table.Rows[1].ExperimentIds);
    }

    [Fact]
    public void Latex_is_a_plain_tabular_with_escaped_names_and_bold_best_values()
    {
        var text = ResultTableFormats.ToLatex(ResultTable.FromLeaderboard(Board(), SeedGroups));

        Assert.Equal("""
            \begin{tabular}{lrrrr}
            \hline
            Experiment (test split) & $n$ & IoU@0.5 & AUC & french\_horn \\
            \hline
            base, small & 1 & \textbf{0.450} & 0.350 & -- \\
            lr & 2 & 0.400 $\pm$ 0.141 & \textbf{0.500 $\pm$ 0.141} & \textbf{0.400 $\pm$ 0.141} \\
            \hline
            \end{tabular}

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Csv_keeps_full_precision_puts_the_std_in_its_own_column_and_quotes_commas()
    {
        var text = ResultTableFormats.ToCsv(ResultTable.FromLeaderboard(Board(), SeedGroups));

        Assert.Equal("""
            experiment (test split),n,val_iou@0.5,val_iou@0.5_std,val_auc,val_auc_std,french_horn,french_horn_std
            "base, small",1,0.45,,0.35,,,
            lr,2,0.4,0.141421,0.5,0.141421,0.4,0.141421

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void An_unknown_format_is_refused_with_the_formats_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => ResultTableFormats.Render(ResultTable.FromLeaderboard(Board()), "xlsx"));
        Assert.Contains("expected one of latex, csv, markdown, got 'xlsx'", error.Message);
    }

    private static string? SeedGroups(LeaderboardEntry entry) => entry.ExperimentId == C ? "base" : "lr";

    private static Leaderboard Board()
    {
        var at = DateTimeOffset.UnixEpoch;
        LeaderboardEntry Entry(Guid id, string name, double iou, double auc, double? horn) => new(id, name, null,
            new Dictionary<string, double> { ["val_iou@0.5"] = iou, ["val_auc"] = auc },
            horn is { } h ? new Dictionary<string, double> { ["french_horn"] = h } : new Dictionary<string, double>(), at, null);
        return new Leaderboard(new LeaderboardKey("d1", LeaderboardKey.SingleSource), "clipart", ["val_iou@0.5", "val_auc"], ["french_horn"],
            [Entry(A, "lr-1", 0.5, 0.4, 0.3), Entry(C, "base, small", 0.45, 0.35, null), Entry(B, "lr-2", 0.3, 0.6, 0.5)]);
    }
}
