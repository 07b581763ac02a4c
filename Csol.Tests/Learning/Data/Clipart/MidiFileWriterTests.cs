using Csol.Learning.Data.Clipart;
using Xunit;

namespace Csol.Tests.Learning.Data.Clipart;

[Trait("Category", "unit")]
public sealed class MidiFileWriterTests
{
    [Fact]
    public void Write_TwoNotePhrase_GivesTheHandWrittenBytes()
    {
        var phrase = new MidiPhrase(96, 500_000, [new MidiProgram(0, 40)],
            [new MidiNote(0, 60, 100, 0, 96), new MidiNote(0, 62, 90, 96, 48)], EndTick: 200);

        var bytes = MidiFileWriter.Write(phrase);

        byte[] expected =
        [
            0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0x00, 0x60, // MThd, format 0, 1 track, 96 ticks/quarter
            0x4D, 0x54, 0x72, 0x6B, 0, 0, 0, 30,                       // MTrk, 30 bytes
            0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,                  // tempo 500000 µs/quarter
            0x00, 0xC0, 40,                                            // program 40 (violin) on channel 1
            0x00, 0x90, 60, 100,                                       // C4 on
            0x60, 0x80, 60, 0,                                         // 96 ticks later: C4 off…
            0x00, 0x90, 62, 90,                                        // …before D4 on at the same tick
            0x30, 0x80, 62, 0,                                         // 48 ticks later: D4 off
            0x38, 0xFF, 0x2F, 0x00,                                    // end of track at tick 200
        ];
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x81, 0x00 })]
    [InlineData(200, new byte[] { 0x81, 0x48 })]
    [InlineData(8192, new byte[] { 0xC0, 0x00 })]
    [InlineData(0x0FFFFFFF, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void WriteVariableLength_MatchesTheSmfSpecificationExamples(int value, byte[] expected)
    {
        var output = new List<byte>();

        MidiFileWriter.WriteVariableLength(output, value);

        Assert.Equal(expected, output);
    }

    [Fact]
    public void Compose_EverySecondHasAnOnsetForEveryInstrument()
    {
        var instruments = new[] { ClipartInstruments.Get("violin"), ClipartInstruments.Get("drum") };

        var phrase = PhraseComposer.Compose(instruments, seconds: 5, new Random(3));

        foreach (var channel in new[] { 0, 9 })
            for (var s = 0; s < 5; s++)
                Assert.Contains(phrase.Notes,
                    n => n.Channel == channel && n.StartTick / phrase.TicksPerSecond >= s && n.StartTick / phrase.TicksPerSecond < s + 1);
        Assert.All(phrase.Notes.Where(n => n.Channel == 0), n => Assert.InRange(n.Key, 55, 88));
    }
}
