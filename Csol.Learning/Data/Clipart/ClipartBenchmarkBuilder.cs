using System.Collections.Concurrent;
using System.Diagnostics;
using Csol.Learning.Data.Audio;
using Csol.Learning.Data.Manifest;
using Csol.Learning.Data.Music;

namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Builds MUSIC-Clipart: plans every video, renders them in parallel (each from its own seed, so the files do not
/// depend on scheduling), then writes the lists, annotations, synthetic composites, README and manifest. Every MUSIC file
/// goes through the same writers as real MUSIC data (<see cref="MusicVideosWriter"/>, <see cref="SplitListWriter"/>,
/// <see cref="FrameAnnotationWriter"/>, <see cref="MusicSyntheticWriter"/>), with the build's <see cref="ClassSpace"/>
/// (written to <c>categories.json</c>) in place of MUSIC's, so the same readers read it back.
/// </summary>
public sealed class ClipartBenchmarkBuilder(ClipartTools tools)
{
    public ClipartBuildSummary Build(ClipartBuildOptions options, Action<ClipartBuildProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        tools.Check();
        var clock = Stopwatch.StartNew();
        var output = options.OutputFolder;
        Directory.CreateDirectory(output);

        var catalogue = ClipartCatalogue.Scan(tools.MusicFolder);
        var skipped = new List<string>();
        var pictures = LoadPictures(catalogue.Classes.SelectMany(c => c.Train.Concat(c.Test)).Distinct(), skipped);
        var distractors = LoadPictures(catalogue.Distractors, skipped);
        try
        {
            var classes = SelectClasses(catalogue, options, pictures);
            var plans = ClipartPlanner.Plan(options, classes);
            var logMel = new LogMelExtractor();
            var videoBuilder = new ClipartVideoBuilder(options, pictures, distractors.Values.ToList(), new FluidSynthRenderer(tools), logMel);

            var results = new ConcurrentDictionary<string, ClipartVideoResult>();
            var done = 0;
            Parallel.ForEach(plans, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                plan =>
            {
                results[plan.Name] = videoBuilder.Build(plan);
                progress?.Invoke(new ClipartBuildProgress(Interlocked.Increment(ref done), plans.Count, plan.Name));
            });
            Directory.Delete(Path.Combine(output, ".work"), recursive: true);
            var ordered = plans.Select(p => results[p.Name]).ToList();

            var space = ClipartInstruments.ClassSpaceOf(classes.Select(c => c.Instrument).ToList());
            ClassSpaceFile.Write(Path.Combine(output, ClassSpace.CategoriesFile), space,
                (json, label) => ClipartInstruments.WriteExtras(json, ClipartInstruments.Get(space.NameOf(label))));
            WriteLists(output, plans, space);
            var annotated = WriteAnnotations(output, ordered, options.Size, space, options.AnnotateTraining);
            var synthetic = new ClipartSyntheticSets(options, space, logMel);
            // Training composites get box rows too (MUSIC-Synthetic's do not): stage two reads only their classes, to
            // pick negatives showing none of the heard instruments, as it does on generated composites.
            synthetic.Write(Path.Combine(output, "synthetic", "train"), ordered.Where(r => r.Plan.Split == ClipartSplit.SoloTraining2),
                options.SyntheticTrain, withBoxes: true, seed: unchecked(options.Seed * 7919 + 17));
            synthetic.Write(Path.Combine(output, "synthetic", "test"), ordered.Where(r => r.Plan.UsesTestPictures && !r.Plan.IsDuet),
                options.SyntheticTest, withBoxes: true, seed: unchecked(options.Seed * 7919 + 18));

            var summary = new ClipartBuildSummary(classes, plans.GroupBy(p => p.Split).ToDictionary(g => g.Key, g => g.Count()),
                ordered.Sum(r => r.Frames.Count), plans.Count * options.Seconds, annotated,
                CountFiles(Path.Combine(output, "synthetic", "train", "video")), CountFiles(Path.Combine(output, "synthetic", "test", "video")),
                skipped, clock.Elapsed.TotalSeconds);
            ClipartReadme.Write(output, options, summary);
            DatasetManifestJson.WriteFor(output);
            return summary;
        }
        finally
        {
            foreach (var picture in pictures.Values.Concat(distractors.Values))
                picture.Dispose();
        }
    }

    private static List<ClipartClassPictures> SelectClasses(ClipartCatalogue catalogue, ClipartBuildOptions options,
        IReadOnlyDictionary<string, ClipartPicture> loaded)
    {
        // Pictures that failed to load are dropped from their class; a class left with none is not built.
        var usable = catalogue.Classes
            .Select(c => c with { Train = c.Train.Where(loaded.ContainsKey).ToList(), Test = c.Test.Where(loaded.ContainsKey).ToList() })
            .Where(c => c.Train.Count > 0 && c.Test.Count > 0)
            .ToList();
        if (options.Classes.Count == 0)
            return usable;
        return options.Classes.Order(StringComparer.Ordinal)
            .Select(name => usable.FirstOrDefault(c => c.Instrument.Name == name)
                ?? throw new ArgumentException(
                    $"--classes: no usable picture of '{name}' in {catalogue.Classes.Count} classes found under the clip-art folder."))
            .ToList();
    }

    private static Dictionary<string, ClipartPicture> LoadPictures(IEnumerable<string> paths, List<string> skipped)
    {
        var loaded = new Dictionary<string, ClipartPicture>(StringComparer.Ordinal);
        foreach (var path in paths)
            if (ClipartPicture.TryLoad(path, out var problem) is { } picture)
                loaded[path] = picture;
            else
                skipped.Add($"{Path.GetFileName(path)}: {problem}");
        return loaded;
    }

    private static void WriteLists(string output, IReadOnlyList<ClipartVideoPlan> plans, ClassSpace space)
    {
        Directory.CreateDirectory(Path.Combine(output, "MUSIC_label"));
        Directory.CreateDirectory(Path.Combine(output, "solo"));
        Directory.CreateDirectory(Path.Combine(output, "duet"));
        MusicVideosWriter.Write(Path.Combine(output, "MUSIC_label", "MUSIC_solo_videos.json"), VideoList(plans.Where(p => !p.IsDuet)), space);
        MusicVideosWriter.Write(Path.Combine(output, "MUSIC_label", "MUSIC_duet_videos.json"), VideoList(plans.Where(p => p.IsDuet)), space);
        IEnumerable<string> Names(params ClipartSplit[] splits) => plans.Where(p => splits.Contains(p.Split)).Select(p => p.Name);
        SplitListWriter.Write(Path.Combine(output, "solo", "solo_training_1.txt"), Names(ClipartSplit.SoloTraining1));
        SplitListWriter.Write(Path.Combine(output, "solo", "solo_training_2.txt"), Names(ClipartSplit.SoloTraining2));
        SplitListWriter.Write(Path.Combine(output, "solo", "solo_validation.txt"), Names(ClipartSplit.SoloValidation));
        SplitListWriter.Write(Path.Combine(output, "solo", "solo_testing.txt"), Names(ClipartSplit.SoloTesting));
        SplitListWriter.Write(Path.Combine(output, "solo", "solo_pairs.txt"),
            Names(ClipartSplit.SoloTraining1, ClipartSplit.SoloTraining2, ClipartSplit.SoloValidation, ClipartSplit.SoloTesting));
        SplitListWriter.Write(Path.Combine(output, "duet", "duet_pairs_train.txt"), Names(ClipartSplit.DuetTrain));
        SplitListWriter.Write(Path.Combine(output, "duet", "duet_pairs_val.txt"), Names(ClipartSplit.DuetVal));
    }

    /// <summary>Groups are the instruments' names joined by a space (MUSIC's duet keys), in ordinal order.</summary>
    private static MusicVideoList VideoList(IEnumerable<ClipartVideoPlan> plans) =>
        new(1.0, plans.GroupBy(p => string.Join(' ', p.Instruments.Select(i => i.Name)))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => MusicVideoNames.YouTubeId(p.Name)).ToArray()));

    public const string TrainingAnnotationsFile = "solotrain.json";

    /// <summary><c>solotest.json</c>/<c>duettest.json</c> (and <c>solotrain.json</c> when asked): every instrument is
    /// sounding; a box clipped away entirely is left out. Returns the test frames written.</summary>
    private static int WriteAnnotations(string output, IReadOnlyList<ClipartVideoResult> results, int size, ClassSpace space, bool training)
    {
        IEnumerable<FrameAnnotation> Frames(ClipartSplit split) => results.Where(r => r.Plan.Split == split)
            .SelectMany(r => r.Frames.Select(f => new FrameAnnotation(
                FrameAnnotation.KeyFor(r.Plan.Name, f.Second, f.FrameNumber), r.Plan.Name, f.Second, f.FrameNumber, size, size,
                f.Boxes.Where(b => !b.Pixels.IsEmpty).Select(b => new AnnotatedBox(
                    new PixelBox(b.Pixels.Left, b.Pixels.Top, b.Pixels.Width, b.Pixels.Height),
                    ClipartVideoBuilder.Normalise(b.Pixels, size), space.IndexOf(b.Instrument.Name, "MUSIC-Clipart"))).ToArray())));
        var solo = Frames(ClipartSplit.SoloTesting).ToList();
        var duet = Frames(ClipartSplit.DuetVal).ToList();
        FrameAnnotationWriter.Write(Path.Combine(output, "solotest.json"), solo, space);
        FrameAnnotationWriter.Write(Path.Combine(output, "duettest.json"), duet, space);
        if (training)
            FrameAnnotationWriter.Write(Path.Combine(output, TrainingAnnotationsFile), Frames(ClipartSplit.SoloTraining1).ToList(), space);
        return solo.Count + duet.Count;
    }

    private static int CountFiles(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
}
