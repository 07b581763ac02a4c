using Bunit;
using Csol.Dashboard.Components.Compare;
using Xunit;

namespace Csol.Tests.Dashboard;

[Trait("Category", "unit")]
public sealed class ConfigDiffTests
{
    private const string A = """{ "name": "a", "seed": 7, "training": { "epochs": 6, "learningRate": 0.001, "batchSize": 8 },"""
        + """ "evaluation": { "thresholds": [0.3, 0.5] } }""";
    private const string B = """{ "name": "b", "seed": 7, "training": { "epochs": 6, "learningRate": 1e-3, "batchSize": 16 },"""
        + """ "evaluation": { "thresholds": [0.3, 0.7] }, "group": "sweep" }""";

    [Fact]
    public void Only_differing_fields_come_back_with_nested_and_indexed_paths()
    {
        var rows = ConfigDiff.Compare([A, B]);

        // seed, epochs and learningRate (0.001 == 1e-3) are equal and left out.
        Assert.Equal(["evaluation.thresholds[1]", "group", "name", "training.batchSize"], rows.Select(r => r.Path));
        Assert.Equal(["8", "16"], rows.Single(r => r.Path == "training.batchSize").Values);
        Assert.Equal(["0.5", "0.7"], rows.Single(r => r.Path == "evaluation.thresholds[1]").Values);
    }

    [Fact]
    public void A_field_only_some_configs_have_shows_as_absent_in_the_others()
    {
        var rows = ConfigDiff.Compare([A, B, A]);

        var group = rows.Single(r => r.Path == "group");
        Assert.Equal([null, "\"sweep\"", null], group.Values);
        var removed = ConfigDiff.Compare([B, A]).Single(r => r.Path == "group");
        Assert.Equal(["\"sweep\"", null], removed.Values);
    }

    [Fact]
    public void Types_are_kept_apart_and_identical_configs_have_no_rows()
    {
        Assert.Empty(ConfigDiff.Compare([A, A]));
        var rows = ConfigDiff.Compare(["""{ "seed": 1 }""", """{ "seed": "1" }"""]);
        Assert.Equal(["1", "\"1\""], Assert.Single(rows).Values);
    }

    [Fact]
    public void Invalid_json_is_one_value_at_the_root_not_an_exception()
    {
        var rows = ConfigDiff.Compare(["""{ "seed": 1 }""", "{ not json"]);

        Assert.Contains(rows, r => r.Path == "" && r.Values[1] == "(invalid JSON)");
        Assert.Contains(rows, r => r.Path == "seed" && r.Values[1] is null);
    }

    [Fact]
    public async Task The_table_shows_one_row_per_difference_and_marks_absent_values()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();

        var table = ctx.Render<ConfigDiffTable>(p => p.Add(c => c.Labels, ["a", "b"]).Add(c => c.Configs, [A, B]));

        Assert.Equal(4, table.FindAll("tbody tr").Count);
        var group = table.Find("tr[data-path='group']");
        Assert.Contains("(absent)", group.TextContent);
        Assert.Contains("csol-absent", group.InnerHtml);
        Assert.Equal(["field", "a", "b"], table.FindAll("thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task The_table_says_so_when_the_configs_are_identical()
    {
        await using var ctx = new BunitContext();
        ctx.AddMud();

        var table = ctx.Render<ConfigDiffTable>(p => p.Add(c => c.Labels, ["a", "b"]).Add(c => c.Configs, [A, A]));

        Assert.Empty(table.FindAll("tbody tr"));
        Assert.Contains("identical", table.Find("[data-testid=config-diff-empty]").TextContent);
    }
}
