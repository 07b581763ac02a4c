using Csol.Learning.Experiments;

namespace Csol.Learning.Data;

/// <summary>One instrument of a procedural composite: its class, its box in the composite, whether it is heard.</summary>
public readonly record struct CompositeObject(int ClassIndex, NormalizedBox Box, bool Sounding);

/// <summary>A 2×2 composite of four solo clips of four classes, two of them sounding (spec §1.3).</summary>
/// <param name="Image">CHW (3 × S × S), ImageNet-normalised like the solo clips.</param>
/// <param name="Audio">The two sounding clips' log-mels combined in the power domain, dB, (T × M) row-major.</param>
/// <param name="Objects">Slots top-left, top-right, bottom-left, bottom-right.</param>
public sealed record ProceduralComposite(int Index, float[] Image, float[] Audio, IReadOnlyList<CompositeObject> Objects)
{
    public IEnumerable<int> SoundingClasses => Objects.Where(o => o.Sounding).Select(o => o.ClassIndex);
}

/// <summary>The procedural stand-in for MUSIC-Synthetic (spec §1.3): seeded 2×2 composites of procedural solo clips.</summary>
/// <remarks>
/// Each quadrant is a solo clip rendered at half the composite side (rather than rendered full size and downsampled,
/// which would only blur it). Classes are category-balanced as in <see cref="Synthesis.CompositeSynthesizer"/>: a shuffled
/// class cycle per round, four consecutive cycle positions per composite.
/// <para>Audio: the procedural log-mels are already dB (10·log10 power). Two independent sources add in <em>power</em>,
/// not in dB (adding dB values multiplies powers: two −40 dB floors would give −80 dB, and a partial at −20 dB over
/// the other's −70 dB floor would drop to −90 dB) and not by max (which loses the energy where both overlap). So
/// <c>mix = 10·log10(g_a·10^(a/10) + g_b·10^(b/10))</c>, the expected power spectrum of a sum of uncorrelated
/// waveforms, which is what the reference gets by summing waveforms before the STFT. Gains <c>g</c> are the jitter, ±
/// <see cref="StageTwoConfig.GainJitterDb"/> dB each; the result is clamped to the solo clips' [−80, 0] dB range.</para>
/// </remarks>
public sealed class ProceduralCocktailPartySet
{
    private const int Slots = 4, Sounding = 2;
    private const double FloorDb = -80, TopDb = 0;

    private ProceduralCocktailPartySet(ProceduralDataConfig config, IReadOnlyList<ProceduralComposite> composites)
    {
        Config = config;
        Composites = composites;
    }

    public ProceduralDataConfig Config { get; }
    public IReadOnlyList<ProceduralComposite> Composites { get; }
    public int ImageSize => Config.ImageSize;

    /// <summary>A set of composites read from files (a MUSIC-layout synthetic split or annotated frames), so stage two
    /// trains and evaluates on them exactly as on generated ones. <paramref name="config"/> gives the image side and the
    /// log-mel shape (<c>imageSize</c>, <c>audioFrames</c>, <c>melBands</c>) every composite must have.</summary>
    public static ProceduralCocktailPartySet FromComposites(ProceduralDataConfig config, IReadOnlyList<ProceduralComposite> composites)
    {
        var (image, audio) = (3 * config.ImageSize * config.ImageSize, config.AudioFrames * config.MelBands);
        foreach (var c in composites)
            if (c.Image.Length != image || c.Audio.Length != audio)
                throw new ArgumentException(
                    $"Composite {c.Index}: {c.Image.Length} image / {c.Audio.Length} audio values, expected {image} / {audio}.", nameof(composites));
        return new ProceduralCocktailPartySet(config, composites);
    }

    /// <summary>Generates <paramref name="count"/> composites of side <c>config.ImageSize</c>; same arguments, same set.</summary>
    public static ProceduralCocktailPartySet Generate(ProceduralDataConfig config, int count, int seed, double gainJitterDb = 3)
    {
        if (config.Classes < Slots)
            throw new ArgumentException($"A composite needs {Slots} different classes; the config has {config.Classes}.", nameof(config));
        if (config.ImageSize % 2 != 0)
            throw new ArgumentException($"The composite side must be even, got {config.ImageSize}.", nameof(config));

        var classes = config.Classes;
        var perClass = Slots * ((count + classes - 1) / classes);
        // One clip per "video" so the pool's classes simply cycle: clip i has class i % classes.
        var pool = ProceduralAudioVisualSet.Generate(config with { ImageSize = config.ImageSize / 2, ClipsPerVideo = 1 }, perClass * classes, seed);
        var nextOfClass = new int[classes];

        var random = new Random(unchecked(seed * 31 + 7));
        var cycle = Enumerable.Range(0, classes).ToArray();
        var composites = new ProceduralComposite[count];
        for (var i = 0; i < count; i++)
        {
            var k = i % classes;
            if (k == 0)
                random.Shuffle(cycle);
            var chosen = Enumerable.Range(0, Slots).Select(j => cycle[(Slots * k + j) % classes]).ToArray();
            random.Shuffle(chosen);
            var clips = chosen.Select(c => pool.Clips[nextOfClass[c]++ * classes + c]).ToArray();
            var order = Enumerable.Range(0, Slots).ToArray();
            random.Shuffle(order);
            var sounding = Enumerable.Range(0, Slots).Select(j => Array.IndexOf(order, j) < Sounding).ToArray();
            var gains = Enumerable.Range(0, Slots).Select(_ => (2 * random.NextDouble() - 1) * gainJitterDb).ToArray();
            composites[i] = Compose(i, clips, sounding, gains, config.ImageSize);
        }
        return new ProceduralCocktailPartySet(config, composites);
    }

    /// <summary>A mismatched image for composite <paramref name="anchor"/>'s audio: a random other composite among those
    /// showing the fewest of the audio's sounding classes (none, whenever one exists).</summary>
    /// <remarks>Every quadrant of a negative gets target 0 (spec §2.4). With few classes a random other composite
    /// usually still shows a sounding class (with 6 classes only 1 in 15 composites shows none of a given pair), which
    /// would teach "this heard object is silent"; the reference's 11 classes make that rarer, so we avoid it on purpose.</remarks>
    public int PickNegative(int anchor, Random random)
    {
        var heard = Composites[anchor].SoundingClasses.ToHashSet();
        var best = new List<int>();
        var bestOverlap = int.MaxValue;
        for (var j = 0; j < Composites.Count; j++)
        {
            if (j == anchor)
                continue;
            var overlap = Composites[j].Objects.Count(o => heard.Contains(o.ClassIndex));
            if (overlap < bestOverlap)
                (best, bestOverlap) = ([], overlap);
            if (overlap == bestOverlap)
                best.Add(j);
        }
        return best[random.Next(best.Count)];
    }

    /// <summary>Power-domain sum of log-mels (dB) with per-source gains in dB; see the class remarks.</summary>
    public static float[] CombineDb(IReadOnlyList<float[]> sourcesDb, IReadOnlyList<double> gainsDb)
    {
        var mix = new float[sourcesDb[0].Length];
        for (var i = 0; i < mix.Length; i++)
        {
            double power = 0;
            for (var s = 0; s < sourcesDb.Count; s++)
                power += Math.Pow(10, (sourcesDb[s][i] + gainsDb[s]) / 10);
            mix[i] = (float)Math.Clamp(10 * Math.Log10(Math.Max(power, 1e-10)), FloorDb, TopDb);
        }
        return mix;
    }

    private static ProceduralComposite Compose(int index, ProceduralClip[] clips, bool[] sounding, double[] gainsDb, int side)
    {
        var half = side / 2;
        var image = new float[3 * side * side];
        var objects = new CompositeObject[Slots];
        for (var j = 0; j < Slots; j++)
        {
            var (col, row) = (j % 2, j / 2);
            for (var c = 0; c < 3; c++)
                for (var y = 0; y < half; y++)
                    Array.Copy(clips[j].Image, (c * half + y) * half, image, (c * side + row * half + y) * side + col * half, half);
            var b = clips[j].Box;
            objects[j] = new CompositeObject(clips[j].ClassIndex,
                new NormalizedBox((col + b.X) / 2, (row + b.Y) / 2, b.Width / 2, b.Height / 2), sounding[j]);
        }
        var heard = Enumerable.Range(0, Slots).Where(j => sounding[j]).ToArray();
        var audio = CombineDb(heard.Select(j => clips[j].Audio).ToArray(), heard.Select(j => gainsDb[j]).ToArray());
        return new ProceduralComposite(index, image, audio, objects);
    }
}
