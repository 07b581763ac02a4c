using Csol.Silo.Benchmarks;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.ExperimentResults;
using Csol.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Results;

/// <summary>The benchmark <c>csol bench platform</c> runs with 10,000 entries, here on a small count in a real host.</summary>
[Trait("Category", "host")]
public sealed class LeaderboardBenchmarkTests
{
    [Fact]
    public async Task Runs_on_a_small_board_and_submissions_add_rows_without_rewriting_the_board()
    {
        using var data = TestPaths.NewTempDirectory("csol-bench-board");
        await using var host = await PlatformHost.StartAsync(data.Path);

        var result = await LeaderboardBenchmark.RunAsync(host.Services, entries: 300, queries: 3, submissions: 4);

        Assert.Equal((300, 3, 4), (result.Entries, result.Queries, result.Submissions));
        var key = Assert.Single(await host.Services.GetRequiredService<ILeaderboardService>().ListAsync());
        var board = await host.Services.GetRequiredService<ILeaderboardService>().GetAsync(key);
        Assert.Equal(304, board!.Entries.Count);
        Assert.True(board.Entries.Zip(board.Entries.Skip(1)).All(p => p.First.Metrics["val_iou@0.5"] >= p.Second.Metrics["val_iou@0.5"]));

        // One row per entry: a submission adds or replaces its own row (the grain state holds no entries: ResultGrainsTests).
        await using var db = new SqliteConnection($"Data Source={Path.Combine(data.Path, "csol.db")}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT ExperimentId) FROM leaderboard_entries";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((304L, 304L), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
