using Csol.Silo.Artifacts;
using Csol.Silo.Datasets;
using Csol.Silo.Hosting;
using Csol.Silo.Security;
using Csol.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace Csol.Tests.Security;

/// <summary>Paths in submitted configs stay under the data roots; run folders cannot be left through a linked directory.</summary>
[Trait("Category", "unit")]
public sealed class ConfinedPathsTests
{
    [Fact]
    public void Config_paths_outside_the_data_roots_are_refused_alike_whether_they_exist_or_not()
    {
        using var temp = TestPaths.NewTempDirectory("csol-confined");
        var root = Directory.CreateDirectory(Path.Combine(temp.Path, "root")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(temp.Path, "secret")).FullName;
        File.WriteAllText(Path.Combine(outside, "weights.bin"), "x");
        Directory.CreateSymbolicLink(Path.Combine(root, "escape"), outside);
        var paths = new SubmittedPaths(new DataRoots(Options.Create(new CsolOptions { DataRoots = [root] })));

        string Config(string dataRoot, string? weights = null, string? train = null) =>
            $$"""{ "data": { "root": {{System.Text.Json.JsonSerializer.Serialize(dataRoot)}} },"""
            + $$""" "model": { "imagenetWeights": {{System.Text.Json.JsonSerializer.Serialize(weights)}} },"""
            + $$""" "stageTwo": { "trainFolder": {{System.Text.Json.JsonSerializer.Serialize(train ?? "synthetic/train")}} } }""";

        Assert.Empty(paths.Check(Config(Path.Combine(root, "clipart"), Path.Combine(root, "w.bin")), "c.json"));
        var existing = paths.Check(Config(outside), "c.json");
        var missing = paths.Check(Config(Path.Combine(outside, "nothing-here")), "c.json");
        Assert.Equal("data.root", Assert.Single(existing).Field);
        Assert.Equal(existing.Single().Message, missing.Single().Message); // nothing tells the two apart
        Assert.Equal("data.root", Assert.Single(paths.Check(Config(Path.Combine(root, "escape")), "c.json")).Field); // a link out
        Assert.Equal("data.root", Assert.Single(paths.Check(Config(Path.Combine(root, "..", "secret")), "c.json")).Field);
        Assert.Equal("model.imagenetWeights", Assert.Single(paths.Check(Config(root, Path.Combine(outside, "weights.bin")), "c.json")).Field);
        Assert.Equal("stageTwo.trainFolder", Assert.Single(paths.Check(Config(root, train: "../../secret"), "c.json")).Field);
        Assert.Equal("stageTwo.trainFolder", Assert.Single(paths.Check(Config(root, train: outside), "c.json")).Field);
    }

    [Fact]
    public void A_directory_link_inside_a_run_folder_does_not_lead_out_of_it()
    {
        using var temp = TestPaths.NewTempDirectory("csol-runlink");
        var folders = new RunFolders(Options.Create(new CsolOptions { DataDirectory = Path.Combine(temp.Path, "data") }));
        var id = Guid.NewGuid();
        var run = Directory.CreateDirectory(folders.RunDirectory(id)).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(temp.Path, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(run, "result.txt"), "ok");
        Directory.CreateSymbolicLink(Path.Combine(run, "maps"), outside);
        Directory.CreateDirectory(Path.Combine(run, "inner"));
        Directory.CreateSymbolicLink(Path.Combine(run, "alias"), Path.Combine(run, "inner"));
        File.WriteAllText(Path.Combine(run, "inner", "a.txt"), "a");

        Assert.NotNull(folders.Resolve(id, "result.txt"));
        Assert.Null(folders.Resolve(id, "maps/secret.txt")); // the file itself is no link; its folder is
        Assert.NotNull(folders.Resolve(id, "alias/a.txt")); // a link that stays inside is fine
    }
}
