using Csol.Learning.Experiments;
using Xunit;

namespace Csol.Tests.Learning.Experiments;

public sealed class ExperimentConfigLoaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("csol-config-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void LoadFile_ValidFile_ParsesAndTakesNameFromFile()
    {
        var path = Write("tiny.json", """
            {
              "kind": "stage-one", "seed": 3, "device": "cpu",
              "data": { "classes": 3, "trainClips": 32, "imageSize": 48 },
              "model": { "baseWidth": 8, "projectionDim": 16 },
              "training": { "epochs": 2, "batchSize": 8, "learningRate": 1e-3, "weightDecay": 0 }
            }
            """);

        var config = ExperimentConfigLoader.LoadFile(path);

        Assert.Equal("tiny", config.Name);
        Assert.Equal(3, config.Seed);
        Assert.Equal(3, config.Data.Classes);
        Assert.Equal(201, config.Data.AudioFrames); // default kept
        Assert.Equal(8, config.Training.BatchSize);
        Assert.Equal(0.1, config.Evaluation.RelativeThreshold);
    }

    [Fact]
    public void LoadFile_UnknownField_NamesFileAndPath()
    {
        var path = Write("typo.json", """{ "training": { "epocs": 3 } }""");

        var error = Assert.Single(Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.LoadFile(path)).Errors);

        Assert.Equal(path, error.Source);
        Assert.Equal("training.epocs", error.Field);
        Assert.Contains("unknown field", error.Message);
    }

    [Fact]
    public void LoadFile_WrongType_NamesFieldAndExpectedType()
    {
        var path = Write("type.json", """{ "training": { "epochs": "ten" } }""");

        var error = Assert.Single(Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.LoadFile(path)).Errors);

        Assert.Equal(path, error.Source);
        Assert.Equal("training.epochs", error.Field);
        Assert.Contains("integer", error.Message);
    }

    [Fact]
    public void LoadFile_OutOfRangeValues_ReportsEveryFieldWithItsRange()
    {
        var path = Write("range.json", """{ "device": "gpu", "training": { "epochs": 0, "learningRate": 5 } }""");

        var errors = Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.LoadFile(path)).Errors;

        Assert.All(errors, e => Assert.Equal(path, e.Source));
        Assert.Equal(["device", "training.epochs", "training.learningRate"], errors.Select(e => e.Field).ToArray());
        Assert.Equal("must be between 1 and 1000, got 0", errors[1].Message);
    }

    [Fact]
    public void LoadFile_MissingFile_SaysFileNotFound()
    {
        var path = Path.Combine(directory, "absent.json");

        var error = Assert.Single(Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.LoadFile(path)).Errors);

        Assert.Equal(path, error.Source);
        Assert.Equal("", error.Field);
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void Parse_MalformedJson_GivesLineAndPosition()
    {
        var error = Assert.Single(Assert.Throws<ExperimentConfigException>(
            () => ExperimentConfigLoader.Parse("{\n  \"seed\": 1,\n  \"kind\" \"stage-one\"\n}", "form")).Errors);

        Assert.Equal("form", error.Source);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void ToJson_RoundTripsThroughParse()
    {
        var original = new ExperimentConfig { Name = "x", Seed = 7, Training = new TrainingConfig { Epochs = 3 } };

        var reparsed = ExperimentConfigLoader.Parse(ExperimentConfigLoader.ToJson(original), "roundtrip");

        Assert.Equal(original.Seed, reparsed.Seed);
        Assert.Equal(original.Training, reparsed.Training);
        Assert.Equal(original.Data, reparsed.Data);
        Assert.Contains("\"batchSize\"", ExperimentConfigLoader.ToJson(original));
    }

    [Fact]
    public void ShippedExperimentConfigs_AreValid()
    {
        var experiments = Path.Combine(FindRepositoryRoot(), "experiments");

        foreach (var file in Directory.GetFiles(experiments, "*.json"))
            Assert.Equal(Path.GetFileNameWithoutExtension(file), ExperimentConfigLoader.LoadFile(file).Name);
    }

    internal static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Csol.Platform.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
