using Csol.Learning.Data.Clipart;
using Csol.Learning.Pretraining;
using Csol.Silo.Cli;
using Xunit;

namespace Csol.Tests.Learning.Pretraining;

[Trait("Category", "host")]
public sealed class ClipartPretrainOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreUsable() => Assert.Empty(new ClipartPretrainOptions("/tmp/w.tsdict").Validate());

    [Theory]
    [InlineData("--width", 0, 112, 32, 0.001, 0)]
    [InlineData("--size", 16, 40, 32, 0.001, 0)]
    [InlineData("--batch", 16, 112, 1, 0.001, 0)]
    [InlineData("--lr", 16, 112, 32, 0.0, 0)]
    [InlineData("--categories", 16, 112, 32, 0.001, 1)]
    public void Validate_BadOption_NamesIt(string option, int width, int size, int batch, double lr, int categories)
    {
        var errors = new ClipartPretrainOptions("/tmp/w.tsdict", width, size, BatchSize: batch, LearningRate: lr, Categories: categories).Validate();

        var error = Assert.Single(errors);
        Assert.StartsWith(option + ":", error);
    }

    [Fact]
    public void Validate_MissingClipartFolder_GivesTheInstallHint()
    {
        var errors = new ClipartPretrainOptions("/tmp/w.tsdict", ClipartRoot: "/nonexistent/openclipart").Validate();

        var error = Assert.Single(errors);
        Assert.Contains("/nonexistent/openclipart", error);
        Assert.Contains(ClipartTools.InstallHint, error);
    }

    [Fact]
    public void Validate_JsonOutput_IsRefusedBecauseTheManifestGoesBesideIt()
    {
        var error = Assert.Single(new ClipartPretrainOptions("/tmp/w.json").Validate());

        Assert.StartsWith("--out:", error);
        Assert.Equal("/tmp/w.manifest.json", new ClipartPretrainOptions("/tmp/w.tsdict").ManifestPath);
    }

    [Fact]
    public async Task Cli_BadOptions_ExitWithTwoAndWriteNothing()
    {
        var output = Path.Combine(Path.GetTempPath(), $"csol-pretrain-{Guid.NewGuid():N}.tsdict");

        var badSize = await CsolCommandLine.Create().Parse(["pretrain", "clipart", "--out", output, "--size", "50"]).InvokeAsync();
        var noClipart = await CsolCommandLine.Create().Parse(["pretrain", "clipart", "--out", output, "--clipart", "/nonexistent/svg"]).InvokeAsync();

        Assert.Equal(2, badSize);
        Assert.Equal(2, noClipart);
        Assert.False(File.Exists(output));
    }
}
