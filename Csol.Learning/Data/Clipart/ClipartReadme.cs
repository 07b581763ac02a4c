using System.Globalization;
using System.Text;

namespace Csol.Learning.Data.Clipart;

/// <summary>Writes the build's <c>README.md</c> (what it is, classes, counts, sources and licences); the builder writes <c>manifest.json</c> with
/// <see cref="Manifest.DatasetManifestJson"/>.</summary>
public static class ClipartReadme
{
    public static void Write(string output, ClipartBuildOptions options, ClipartBuildSummary summary)
    {
        File.WriteAllText(Path.Combine(output, "README.md"), Text(options, summary));
    }

    private static string Text(ClipartBuildOptions options, ClipartBuildSummary summary)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("# MUSIC-Clipart");
        text.AppendLine();
        text.AppendLine("An offline stand-in for MUSIC built by `csol dataset build-clipart`: clip-art instruments on varied backgrounds,");
        text.AppendLine("moving a little from frame to frame, with audio synthesised from random MIDI phrases of the same instrument.");
        text.AppendLine("It uses MUSIC's layout and file formats, so the same readers, trainers and evaluators run on it.");
        text.AppendLine();
        text.AppendLine(inv,
            $"Built with seed {options.Seed}, {options.Size}×{options.Size} frames, {options.Seconds} s per video, {options.VideosPerClass} solo "
            + $"videos per class.");
        text.AppendLine();
        text.AppendLine("| label | class | category_id | GM program | train pictures | test pictures |");
        text.AppendLine("|---|---|---|---|---|---|");
        for (var i = 0; i < summary.Classes.Count; i++)
        {
            var c = summary.Classes[i];
            var program = c.Instrument.Percussion ? "percussion (ch. 10)" : c.Instrument.Program.ToString(inv);
            var test = c.Shared ? "same (one drawing)" : c.Test.Count.ToString(inv);
            text.AppendLine(inv, $"| {i} | {c.Instrument.Name} | {c.Instrument.CategoryId} | {program} | {c.Train.Count} | {test} |");
        }

        text.AppendLine();
        text.AppendLine(
            "category_id is the detector id space of MUSIC's solotest.json for the detector's classes; ids ≥ 100 are ours (categories.json).");
        text.AppendLine();
        text.AppendLine("| split | videos |");
        text.AppendLine("|---|---|");
        foreach (var (split, count) in summary.VideosPerSplit.OrderBy(p => p.Key))
            text.AppendLine(inv, $"| {split} | {count} |");
        text.AppendLine(inv,
            $"\n{summary.Frames} frames, {summary.AudioSeconds} audio seconds, {summary.AnnotatedFrames} annotated frames, synthetic "
            + $"{summary.SyntheticTrain} train / {summary.SyntheticTest} test.");
        text.AppendLine();
        text.AppendLine(
            "Layout: `video_frames/<video>/frame_SSS/NNNNN.jpg` (4 per second, 30-fps/interval-7 numbering), `audio_frames/<video>/SSS.npy`");
        text.AppendLine("((201, 64) float32 log-mel), `MUSIC_label/`, `solo/`, `duet/`, `solotest.json`, `duettest.json`, `categories.json`,");
        text.AppendLine("`synthetic/{train,test}/{video,audio,box}`, box: float32 rows `[x, y, w, h, class, sounding]` for all four");
        text.AppendLine(
            "instruments, normalised to the composite, `class` the label above (not the category_id), `sounding` 1 for the two mixed (stage two "
            + "uses training rows only to choose negatives).");
        text.AppendLine("Read them with `MusicSyntheticReader.ReadBoxes(path, ClassSpace.Load(\"categories.json\"))`; the reference's 5-column");
        text.AppendLine(
            "detector-id rows are read too. `manifest.json` is `csol dataset inspect --json` of the build (its content hash excludes itself).");
        text.AppendLine("Validation and test videos use only test pictures; a class with one drawing uses it in both.");
        text.AppendLine();
        text.AppendLine("## Sources and licences");
        text.AppendLine();
        text.AppendLine("- Pictures: Open Clip Art Library via Debian's `openclipart-svg` (public domain).");
        text.AppendLine("- Sound: Debian's `fluidsynth` with the `fluid-soundfont-gm` FluidR3_GM SoundFont (MIT licence).");
        text.AppendLine("- Everything else is generated; the build is seeded and reproducible.");
        if (summary.SkippedPictures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Pictures skipped (failed to load):");
            foreach (var skipped in summary.SkippedPictures)
                text.AppendLine($"- {skipped}");
        }

        return text.ToString();
    }
}
