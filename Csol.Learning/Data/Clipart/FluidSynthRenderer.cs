using System.Diagnostics;
using System.Globalization;
using Csol.Learning.Data.Media;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Renders a MIDI phrase to 16 kHz mono audio with the <c>fluidsynth</c> command (fast render to a WAV file, no
/// audio device, no MIDI input, no shell). Reverb and chorus stay on: they make the timbre more like a recording.
/// </summary>
public sealed class FluidSynthRenderer(ClipartTools tools, double gain = 0.5)
{
    public const int SampleRate = 16000;

    /// <summary>Exactly <paramref name="seconds"/> × 16000 samples, peak-limited to 0.99 (a loud duet would clip).</summary>
    public float[] Render(MidiPhrase phrase, int seconds, string workFolder)
    {
        Directory.CreateDirectory(workFolder);
        var stem = Path.Combine(workFolder, Guid.NewGuid().ToString("N"));
        var midi = stem + ".mid";
        var wav = stem + ".wav";
        try
        {
            File.WriteAllBytes(midi, MidiFileWriter.Write(phrase));
            Run(midi, wav);
            var audio = WavReader.Read(wav);
            if (audio.SampleRate != SampleRate)
                throw new InvalidDataException($"{wav}: fluidsynth wrote {audio.SampleRate} Hz, expected {SampleRate} Hz");
            var samples = audio.ToMono();
            var output = new float[seconds * SampleRate];
            Array.Copy(samples, output, Math.Min(samples.Length, output.Length));
            var peak = output.Length == 0 ? 0f : output.Max(Math.Abs);
            if (peak > 0.99f)
                for (var i = 0; i < output.Length; i++)
                    output[i] *= 0.99f / peak;
            return output;
        }
        finally
        {
            File.Delete(midi);
            File.Delete(wav);
        }
    }

    private void Run(string midi, string wav)
    {
        var start = new ProcessStartInfo(tools.FluidSynth)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-n", "-i", "-q", "-F", wav, "-T", "wav", "-O", "s16",
                     "-r", SampleRate.ToString(CultureInfo.InvariantCulture),
                     "-g", gain.ToString("0.###", CultureInfo.InvariantCulture),
                     tools.SoundFont, midi,
                 })
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tools.FluidSynth}.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(wav))
            throw new InvalidOperationException($"fluidsynth failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
    }
}
