using System.Buffers.Binary;
using Csol.Learning.Data.Media;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Media;

[Trait("Category", "unit")]
[Collection(nameof(WavReaderTests))] // its own collection: runs in parallel
public sealed class WavReaderTests : IDisposable
{
    private readonly TempDirectory _dir = TestPaths.NewTempDirectory("csol-wav");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenRead_StereoRoundTripsAndAveragesToMono(bool asFloat32)
    {
        var path = Path.Combine(_dir.Path, "a.wav");
        var audio = new WavAudio(16000, 2, [0.5f, -0.25f, 0.75f, 0f, -1f, -0.5f]);

        WavWriter.Write(path, audio, asFloat32);
        var read = WavReader.Read(path);

        Assert.Equal(16000, read.SampleRate);
        Assert.Equal(2, read.Channels);
        Assert.Equal(audio.Samples.Select(x => (double)x), read.Samples.Select(x => (double)x), (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal([0.125f, 0.375f, -0.75f], read.ToMono());
    }

    [Fact]
    public void Read_TruncatedData_NamesFileAndBothLengths()
    {
        var path = Path.Combine(_dir.Path, "cut.wav");
        WavWriter.Write(path, new WavAudio(16000, 1, new float[100]));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^50]);

        var e = Assert.Throws<InvalidDataException>(() => WavReader.Read(path));

        Assert.Equal($"{path}: truncated: the data chunk declares 200 bytes but only 150 follow", e.Message);
    }

    [Fact]
    public void Read_24BitPcm_IsRejectedAsUnsupported()
    {
        var path = Path.Combine(_dir.Path, "24.wav");
        WavWriter.Write(path, new WavAudio(16000, 1, new float[4]));
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 24);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => WavReader.Read(path));

        Assert.Equal($"{path}: unsupported sample format (format code 1, 24 bits); 16-bit PCM and 32-bit float are supported", e.Message);
    }

    [Fact]
    public void Read_NotRiff_SaysSo()
    {
        var path = Path.Combine(_dir.Path, "x.wav");
        File.WriteAllText(path, "ID3 this is an mp3, honestly");

        var e = Assert.Throws<InvalidDataException>(() => WavReader.Read(path));

        Assert.Equal($"{path}: not a RIFF/WAVE file", e.Message);
    }
}
