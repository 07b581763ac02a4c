namespace Csol.Learning.Data.Clipart;

/// <summary>Decides every video of a build from the options and the catalogue, before anything is rendered.</summary>
public static class ClipartPlanner
{
    public static IReadOnlyList<ClipartVideoPlan> Plan(ClipartBuildOptions options, IReadOnlyList<ClipartClassPictures> classes)
    {
        var random = new Random(options.Seed);
        var plans = new List<ClipartVideoPlan>();
        foreach (var pictures in classes)
        {
            var splits = SoloSplits(options.VideosPerClass);
            for (var v = 0; v < splits.Count; v++)
            {
                var source = splits[v] is ClipartSplit.SoloValidation or ClipartSplit.SoloTesting ? pictures.Test : pictures.Train;
                plans.Add(new ClipartVideoPlan($"clipart-{pictures.Instrument.Name}-{v:D2}_0_1000", splits[v],
                    [pictures.Instrument], [source[random.Next(source.Count)]], random.Next()));
            }
        }

        // Duets cycle through neighbouring class pairs (0-1, 1-2, …) so every class plays in a duet; alternate videos
        // go to train and to the duet test ("val", spec §1.2), the first one to the test so a single duet is annotated.
        if (classes.Count >= 2)
            for (var d = 0; d < options.DuetVideos; d++)
            {
                var first = classes[d % classes.Count];
                var second = classes[(d + 1) % classes.Count];
                if (first == second)
                    continue;
                var split = d % 2 == 0 ? ClipartSplit.DuetVal : ClipartSplit.DuetTrain;
                var pick = (ClipartClassPictures c) => split == ClipartSplit.DuetVal ? c.Test : c.Train;
                var (a, b) = string.CompareOrdinal(first.Instrument.Name, second.Instrument.Name) < 0 ? (first, second) : (second, first);
                plans.Add(new ClipartVideoPlan($"clipart-duet-{a.Instrument.Name}-{b.Instrument.Name}-{d:D2}_0_1000", split,
                    [a.Instrument, b.Instrument], [pick(a)[random.Next(pick(a).Count)], pick(b)[random.Next(pick(b).Count)]], random.Next()));
            }

        return plans;
    }

    /// <summary>
    /// Shares out a class's videos like MUSIC's lists (≈ 1/3 training_1, 1/3 training_2, 1/6 validation, 1/6 testing),
    /// filling testing and training_2 first for tiny builds: 1 → training_1; 2 → + testing; 3 → + training_2;
    /// 4 → + validation.
    /// </summary>
    public static IReadOnlyList<ClipartSplit> SoloSplits(int videos)
    {
        int test = videos >= 2 ? Math.Max(1, videos / 6) : 0;
        int validation = videos >= 4 ? Math.Max(1, videos / 6) : 0;
        int training2 = videos >= 3 ? Math.Max(1, (videos - test - validation) / 2) : 0;
        var training1 = videos - test - validation - training2;
        return [.. Enumerable.Repeat(ClipartSplit.SoloTraining1, training1), .. Enumerable.Repeat(ClipartSplit.SoloTraining2, training2),
            .. Enumerable.Repeat(ClipartSplit.SoloValidation, validation), .. Enumerable.Repeat(ClipartSplit.SoloTesting, test)];
    }
}
