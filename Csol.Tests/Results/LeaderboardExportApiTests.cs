using System.Net;
using Csol.Abstractions;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Results;

/// <summary><c>GET /api/leaderboards/{dataset}/{task}/export</c> on a real host, with seed groups from the queued configs.</summary>
[Trait("Category", "host")]
public sealed class LeaderboardExportApiTests
{
    [Fact]
    public async Task Experiments_that_differ_only_in_seed_export_as_one_row_and_others_stay_apart()
    {
        using var data = TestPaths.NewTempDirectory("csol-export");
        await using var host = await PlatformHost.StartAsync(data.Path);
        // Drafts: real experiments with stored configs that never run, so the test needs no device.
        var seed1 = await DraftAsync(host, TinyConfigs.Probe(steps: 2, name: "probe-1"), seed: 1);
        var seed2 = await DraftAsync(host, TinyConfigs.Probe(steps: 2, name: "probe-2"), seed: 2);
        var longer = await DraftAsync(host, TinyConfigs.Probe(steps: 5, name: "longer"), seed: 1);
        var key = new LeaderboardKey("export-test", LeaderboardKey.SingleSource);
        var board = host.Grains.GetGrain<ILeaderboardGrain>(key.ToString());
        foreach (var (id, name, iou) in new[] { (seed1, "probe-1", 0.5), (seed2, "probe-2", 0.3), (longer, "longer", 0.45) })
            await board.SubmitAsync(new LeaderboardEntry(id, name, null, new Dictionary<string, double> { ["val_iou@0.5"] = iou, ["val_auc"] = 0.4 },
                new Dictionary<string, double>(), DateTimeOffset.UtcNow, null), "export data");
        using var http = host.CreateClient();

        var bySeed = await http.GetStringAsync("/api/leaderboards/export-test/single-source/export?format=markdown&seeds=true");
        var latex = await http.GetStringAsync("/api/leaderboards/export-test/single-source/export?format=latex");
        using var badFormat = await http.GetAsync("/api/leaderboards/export-test/single-source/export?format=xlsx");
        using var noBoard = await http.GetAsync("/api/leaderboards/nothing-here/single-source/export?format=csv");

        Assert.Equal("""
            | experiment (test split) | n | IoU@0.5 | AUC |
            |---|---:|---:|---:|
            | longer | 1 | **0.450** | **0.400** |
            | probe | 2 | 0.400 ± 0.141 | **0.400 ± 0.000** |

            """.ReplaceLineEndings("\n"), bySeed);
        Assert.StartsWith("\\begin{tabular}{lrr}", latex);
        Assert.Equal(3, latex.Split('\n').Count(l => l.EndsWith(" \\\\", StringComparison.Ordinal)) - 1);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("expected one of latex, csv, markdown", await badFormat.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, noBoard.StatusCode);
    }

    private static async Task<Guid> DraftAsync(PlatformHost host, string probeConfig, int seed)
    {
        var config = probeConfig.Replace("\"kind\"", $"\"seed\": {seed}, \"kind\"", StringComparison.Ordinal);
        var result = await host.Experiments.SaveDraftAsync(config, "export test");
        return result.ExperimentId ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.ToString())));
    }
}
