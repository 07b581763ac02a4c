using Csol.Learning.Experiments;
using Xunit;

namespace Csol.Tests.Learning.Experiments;

[Trait("Category", "unit")]
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
        {
            try
            {
                Assert.Equal(Path.GetFileNameWithoutExtension(file), ExperimentConfigLoader.LoadFile(file).Name);
            }
            catch (ExperimentConfigException e) when (e.Errors.All(error =>
                       error.Field is "data.root" or "data.testAnnotations" && error.Message.Contains("build-clipart")
                       || error.Field is "model.imagenetWeights" && error.Message.Contains("pretrain clipart")))
            {
                // A dataset config on a machine where the dataset (or its diagnostic solotrain.json) or the pretrained
                // weights are not built yet: everything else was valid.
            }
        }
    }

    internal static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Csol.Platform.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

[Trait("Category", "unit")]
public sealed class MusicDataConfigTests : IDisposable
{
    // <base>/experiments/x.json: relative paths resolve against <base>.
    private readonly string baseDirectory = Directory.CreateTempSubdirectory("csol-music-config-").FullName;

    public void Dispose() => Directory.Delete(baseDirectory, recursive: true);

    private string WriteConfig(string data)
    {
        var folder = Directory.CreateDirectory(Path.Combine(baseDirectory, "experiments")).FullName;
        var path = Path.Combine(folder, "music.json");
        File.WriteAllText(path, $$"""{ "data": {{data}} }""");
        return path;
    }

    private void WriteDataset(string relativeRoot, bool annotations = true)
    {
        var root = Path.Combine(baseDirectory, relativeRoot);
        Directory.CreateDirectory(Path.Combine(root, "video_frames"));
        Directory.CreateDirectory(Path.Combine(root, "solo"));
        Directory.CreateDirectory(Path.Combine(root, "MUSIC_label"));
        File.WriteAllText(Path.Combine(root, "solo", "solo_training_1.txt"), "a_0_1000.flac a_0_1000.mp4\n");
        File.WriteAllText(Path.Combine(root, "MUSIC_label", "MUSIC_solo_videos.json"), """{"version":1.0,"videos":{}}""");
        if (annotations)
            File.WriteAllText(Path.Combine(root, "solotest.json"), "{}");
    }

    private static ConfigError Single(string path)
        => Assert.Single(Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.LoadFile(path)).Errors);

    [Fact]
    public void Music_WithoutRoot_IsAnErrorNamingDataRoot()
    {
        var error = Single(WriteConfig("""{ "source": "music" }"""));

        Assert.Equal("data.root", error.Field);
        Assert.Contains("required", error.Message);
    }

    [Fact]
    public void Music_MissingRootFolder_IsAnErrorNamingDataRoot()
    {
        var error = Single(WriteConfig("""{ "source": "music", "root": "data/nowhere" }"""));

        Assert.Equal("data.root", error.Field);
        Assert.Contains(Path.Combine(baseDirectory, "data", "nowhere"), error.Message);
    }

    [Fact]
    public void Music_MissingAnnotations_IsAnErrorNamingDataTestAnnotations()
    {
        WriteDataset("data/set", annotations: false);

        var error = Single(WriteConfig("""{ "source": "music", "root": "data/set" }"""));

        Assert.Equal("data.testAnnotations", error.Field);
    }

    [Fact]
    public void Music_MissingSplit_IsAnErrorNamingDataTrainSplit()
    {
        WriteDataset("data/set");

        var error = Single(WriteConfig("""{ "source": "music", "root": "data/set", "trainSplit": "solo/none.txt" }"""));

        Assert.Equal("data.trainSplit", error.Field);
    }

    [Fact]
    public void Music_RelativeRoot_IsResolvedAgainstTheConfigFoldersParent()
    {
        WriteDataset("data/set");
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetTempPath(); // not the base: the file's location decides

        try
        {
            var config = ExperimentConfigLoader.LoadFile(WriteConfig("""{ "source": "music", "root": "data/set" }"""));

            Assert.Equal(Path.Combine(baseDirectory, "data", "set"), config.Data.Root);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void UnknownSource_AndBadWorkers_AreErrors()
    {
        var errors = Assert.Throws<ExperimentConfigException>(() => ExperimentConfigLoader.LoadFile(
            WriteConfig("""{ "source": "audioset", "loaderWorkers": 0 }"""))).Errors;

        Assert.Equal(["data.loaderWorkers", "data.source"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void ClassPhaseBackboneLearningRate_AcceptsNullAndANumber_RejectsOutOfRange()
    {
        var config = ExperimentConfigLoader.Parse("""{ "training": { "classPhaseBackboneLearningRate": 1e-5 } }""", "t");
        Assert.Equal(1e-5, config.Training.ClassPhaseBackboneLearningRate);
        Assert.Null(
            ExperimentConfigLoader.Parse("""{ "training": { "classPhaseBackboneLearningRate": null } }""", "t")
            .Training.ClassPhaseBackboneLearningRate);

        var error = Assert.Single(Assert.Throws<ExperimentConfigException>(() =>
            ExperimentConfigLoader.Parse("""{ "training": { "classPhaseBackboneLearningRate": 2 } }""", "t")).Errors);
        Assert.Equal("training.classPhaseBackboneLearningRate", error.Field);
    }
}
