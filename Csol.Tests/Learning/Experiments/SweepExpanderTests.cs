using Csol.Learning.Experiments;
using Csol.Learning.Experiments.Sweeps;
using Xunit;

namespace Csol.Tests.Learning.Experiments;

[Trait("Category", "unit")]
[Collection(nameof(SweepExpanderTests))] // its own collection: runs in parallel
public sealed class SweepExpanderTests
{
    private static string Sweep(string sweep, string name = "lr") => $$"""
        {
          "name": "{{name}}",
          "seed": 3,
          "training": { "epochs": 2, "learningRate": 0.01 },
          "sweep": {{sweep}}
        }
        """;

    private static ExperimentConfigException Refused(string json) =>
        Assert.Throws<ExperimentConfigException>(() => SweepExpander.Expand(json, "sweep.json"));

    [Fact]
    public void Grid_is_the_product_in_order_with_the_last_parameter_fastest_named_and_grouped()
    {
        var plan =
            SweepExpander.Expand(Sweep("""{ "mode": "grid", "parameters": { "training.learningRate": [0.001, 0.0003], "seed": [1, 2, 3] } }"""),
                "sweep.json");

        Assert.Equal(6, plan.Experiments.Count);
        Assert.Equal(["lr-1", "lr-2", "lr-3", "lr-4", "lr-5", "lr-6"], plan.Experiments.Select(e => e.Name));
        var configs = plan.Experiments.Select(e => ExperimentConfigLoader.Parse(e.ConfigJson, e.Name)).ToArray();
        Assert.Equal([0.001, 0.001, 0.001, 0.0003, 0.0003, 0.0003], configs.Select(c => c.Training.LearningRate));
        Assert.Equal([1, 2, 3, 1, 2, 3], configs.Select(c => c.Seed));
        Assert.All(configs, c => Assert.Equal("lr", c.Group));
        Assert.All(configs, c => Assert.Equal(2, c.Training.Epochs)); // the base config's other fields stay
        Assert.Equal([new("training.learningRate", "0.0003"), new("seed", "2")], plan.Experiments[4].Values);
    }

    [Fact]
    public void Random_draws_distinct_grid_points_reproducibly_from_its_seed()
    {
        string Json(int seed) => Sweep($$"""{ "mode": "random", "samples": 4, "seed": {{seed}},"""
            + """ "parameters": { "training.learningRate": [0.1, 0.01, 0.001], "seed": [1, 2, 3] } }""");
        static string[] Picks(SweepPlan plan) => plan.Experiments.Select(e => string.Join(",", e.Values.Select(v => v.Value))).ToArray();

        var first = SweepExpander.Expand(Json(5), "s.json");
        var again = SweepExpander.Expand(Json(5), "s.json");
        var other = SweepExpander.Expand(Json(6), "s.json");

        Assert.Equal(4, first.Experiments.Count);
        Assert.Equal(9, first.Combinations);
        Assert.Equal(Picks(first), Picks(again));
        Assert.Equal(4, Picks(first).Distinct().Count());
        Assert.NotEqual(Picks(first), Picks(other));
    }

    [Fact]
    public void Unknown_paths_non_lists_and_empty_lists_are_reported_together_each_naming_its_field()
    {
        var e = Refused(Sweep("""{ "parameters": { "training.learnRate": [0.1], "seed": 4, "model.baseWidth": [], "training": [1] } }"""));

        Assert.Contains(e.Errors, x => x.Field == "sweep.parameters.training.learnRate" && x.Message.Contains("unknown config field"));
        Assert.Contains(e.Errors, x => x.Field == "sweep.parameters.seed" && x.Message.Contains("expected a list"));
        Assert.Contains(e.Errors, x => x.Field == "sweep.parameters.model.baseWidth" && x.Message.Contains("at least one value"));
        Assert.Contains(e.Errors, x => x.Field == "sweep.parameters.training" && x.Message.Contains("section"));
        Assert.All(e.Errors, x => Assert.Equal("sweep.json", x.Source));
    }

    [Fact]
    public void Bad_sweep_settings_are_errors()
    {
        Assert.Contains(Refused("""{ "name": "x" }""").Errors, x => x.Field == "sweep");
        Assert.Contains(Refused(Sweep("""{ "mode": "lattice", "parameters": { "seed": [1] } }""")).Errors, x => x.Field == "sweep.mode");
        Assert.Contains(Refused(Sweep("""{ "mode": "random", "parameters": { "seed": [1] } }""")).Errors, x => x.Field == "sweep.samples");
        Assert.Contains(Refused(Sweep("""{ "mode": "random", "samples": 3, "parameters": { "seed": [1, 2] } }""")).Errors,
            x => x.Field == "sweep.samples" && x.Message.Contains("2 distinct combinations"));
        Assert.Contains(Refused(Sweep("""{ "parameters": { "seed": [1] }, "repeat": 2 }""")).Errors, x => x.Field == "sweep.repeat");
        Assert.Contains(Refused(Sweep("""{ "parameters": { "name": ["a", "b"] } }""")).Errors, x => x.Field == "sweep.parameters.name");
    }

    [Fact]
    public void An_invalid_expanded_config_fails_the_whole_sweep_naming_the_experiment_and_field()
    {
        var e = Refused(Sweep("""{ "parameters": { "training.epochs": [1, 0], "seed": [1, 2] } }"""));

        var error = Assert.Single(e.Errors.Where(x => x.Field == "training.epochs").Take(1));
        Assert.Contains("lr-3", error.Source);
        Assert.Contains("training.epochs=0", error.Source);
        Assert.Equal(2, e.Errors.Count(x => x.Field == "training.epochs")); // lr-3 and lr-4
    }

    [Fact]
    public void A_wrongly_typed_value_is_the_configs_error()
    {
        var e = Refused(Sweep("""{ "parameters": { "training.learningRate": ["fast"] } }"""));

        Assert.Contains(e.Errors, x => x.Field == "training.learningRate" && x.Source.Contains("lr-1"));
    }

    [Fact]
    public void Shipped_sweeps_expand()
    {
        var folder = Path.Combine(Csol.Tests.Support.TestPaths.ExperimentsDirectory, "sweeps");

        foreach (var file in Directory.GetFiles(folder, "*.json"))
            Assert.NotEmpty(SweepExpander.Expand(File.ReadAllText(file), file).Experiments);
        Assert.Equal(4, SweepExpander.Expand(File.ReadAllText(Path.Combine(folder, "quick-lr.json")), "quick-lr.json").Experiments.Count);
    }
}
