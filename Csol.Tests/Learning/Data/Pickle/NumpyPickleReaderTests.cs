using Csol.Learning.Data.Npy;
using Csol.Learning.Data.Pickle;
using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Learning.Data.Pickle;

/// <summary>Pickles written by Python 3.11 + numpy 1.24 (Fixtures/make-fixtures.py regenerates them).</summary>
[Trait("Category", "unit")]
public sealed class NumpyPickleReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Learning", "Data", "Pickle", "Fixtures", name);

    [Theory]
    [InlineData("logmel-p2.pkl")]          // protocol 2: bytes as _codecs.encode(latin-1 text)
    [InlineData("logmel-p3-fortran.pkl")]  // protocol 3, Fortran order
    public void ReadFloatMatrix_Protocol2And3_GiveTheArray(string name)
    {
        var matrix = NumpyPickleReader.ReadFloatMatrix(Fixture(name), 201, 64);

        // logmel[r, c] = ((r·64 + c) mod 50) − 25
        for (var r = 0; r < 201; r += 50)
            for (var c = 0; c < 64; c += 7)
                Assert.Equal((r * 64 + c) % 50 - 25, matrix[r, c]);
    }

    [Fact]
    public void ReadFloatMatrix_Protocol4_GivesTheArray()
    {
        var matrix = NumpyPickleReader.ReadFloatMatrix(Fixture("logmel-p4.pkl"), 201, 64);

        Assert.Equal(1f / 7, matrix[0, 1]);
        Assert.Equal((200 * 64 + 63) / 7f, matrix[200, 63]);
    }

    [Theory]
    [InlineData("shape-20x64.pkl", "got shape (20, 64) of dtype float32")]
    [InlineData("int8-201x64.pkl", "got shape (201, 64) of dtype int8")]
    [InlineData("dict.pkl", "opcode 0x7d")]
    public void ReadFloatMatrix_OtherPickles_AreNamedWithWhatTheyHold(string name, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => NumpyPickleReader.ReadFloatMatrix(Fixture(name), 201, 64));

        Assert.Contains(Fixture(name), error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_APickleThatWouldRunCode_IsRefusedWithoutRunningIt()
    {
        using var temp = TestPaths.NewTempDirectory("pickle");
        var marker = Path.Combine(temp.Path, "ran");
        var path = Path.Combine(temp.Path, "evil.pkl");
        // protocol 2: os.system("touch <marker>")
        File.WriteAllBytes(path, [0x80, 0x02, .. "cos\nsystem\n"u8.ToArray(), (byte)'X', .. BitConverter.GetBytes(6 + marker.Length),
            .. System.Text.Encoding.UTF8.GetBytes("touch " + marker), 0x85, (byte)'R', (byte)'.']);

        var error = Assert.Throws<InvalidDataException>(() => NumpyPickleReader.Read(path));

        Assert.Contains("os.system", error.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Read_Truncated_NamesTheFile()
    {
        using var temp = TestPaths.NewTempDirectory("pickle");
        var path = Path.Combine(temp.Path, "cut.pkl");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture("logmel-p4.pkl"))[..20_000]);

        var error = Assert.Throws<InvalidDataException>(() => NumpyPickleReader.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Convert_WritesNpyBesideEachGoodPickle_AndNamesTheBadOnes()
    {
        using var temp = TestPaths.NewTempDirectory("pickle");
        var audio = Directory.CreateDirectory(Path.Combine(temp.Path, "audio")).FullName;
        File.Copy(Fixture("logmel-p4.pkl"), Path.Combine(audio, "a.pkl"));
        File.Copy(Fixture("logmel-p2.pkl"), Path.Combine(audio, "b.pkl"));
        File.Copy(Fixture("shape-20x64.pkl"), Path.Combine(audio, "c.pkl"));

        var result = PickleToNpyConverter.Convert(temp.Path);

        Assert.Equal(2, result.Converted);
        var failure = Assert.Single(result.Failures);
        Assert.Contains(Path.Combine(audio, "c.pkl"), failure);
        Assert.Contains("(20, 64)", failure);
        Assert.False(File.Exists(Path.Combine(audio, "c.npy")));
        Assert.Equal(1f / 7, NpyFile.ReadFloat32Matrix(Path.Combine(audio, "a.npy"), 201, 64)[0, 1]);
        var again = PickleToNpyConverter.Convert(temp.Path); // a and b kept, c refused again
        Assert.Equal((0, 2, 1), (again.Converted, again.AlreadyPresent, again.Failures.Count));
    }
}
