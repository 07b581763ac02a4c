using Csol.Learning.Data.Npy;

namespace Csol.Learning.Data.Music;

/// <summary>
/// A MUSIC-Synthetic folder (spec §1.3): <c>audio/*.npy</c> (log-mel (201, 64) of the mix), <c>video/*.jpg</c> (the
/// 2×2 composite) and, for test folders, <c>box/*.npy</c>. The reference stores audio as pickles (<c>*.pkl</c>; <c>csol dataset convert-pickles</c>
/// converts them); we use
/// <c>.npy</c> everywhere (see <see cref="NpyFile"/>) and expect it here too.
/// </summary>
public static class MusicSyntheticReader
{
    /// <summary>Pairs files by sorted (ordinal) name, as <c>syn_dataset.py</c> does; different counts are an error.</summary>
    public static IReadOnlyList<SyntheticSample> ReadFolder(string folder)
    {
        var audio = Sorted(folder, "audio", "*.npy");
        var video = Sorted(folder, "video", "*.jpg");
        var boxes = Directory.Exists(Path.Combine(folder, "box")) ? Sorted(folder, "box", "*.npy") : null;
        if (audio.Length != video.Length || (boxes is not null && boxes.Length != audio.Length))
            throw new InvalidDataException(
                $"{folder}: audio/ has {audio.Length} files, video/ {video.Length}" + (boxes is null ? "" : $", box/ {boxes.Length}") +
                "; samples are paired by sorted file name, so the counts must match");
        return audio.Select((a, i) => new SyntheticSample(i, a, video[i], boxes?[i])).ToArray();
    }

    /// <summary>
    /// Rows <c>[x, y, w, h, category]</c> (reference: detector category id) or <c>[x, y, w, h, class, sounding]</c>
    /// (ours, also MUSIC-Clipart's: the label in the class space, since 4 of MUSIC's 11 classes have no detector id).
    /// float32 or float64.
    /// </summary>
    /// <param name="classes">Category ids and labels of the set (MUSIC-Clipart: its <c>categories.json</c>); MUSIC when null.</param>
    public static IReadOnlyList<SyntheticBox> ReadBoxes(string path, ClassSpace? classes = null)
    {
        var space = classes ?? ClassSpace.Music;
        var (shape, data) = ReadNumbers(path);
        if (shape.Length != 2 || shape[1] is not (5 or 6))
            throw new InvalidDataException(
                $"{path}: box rows must be (N, 5) [x,y,w,h,category] or (N, 6) [x,y,w,h,class,sounding], got ({string.Join(", ", shape)})");
        var columns = shape[1];
        var boxes = new SyntheticBox[shape[0]];
        for (var row = 0; row < boxes.Length; row++)
        {
            var r = data.AsSpan(row * columns, columns);
            var key = $"row {row}";
            var category = (int)r[4];
            var classIndex = columns == 5 ? space.ToClassIndex(category, path, key) : category;
            if (classIndex < 0 || classIndex >= space.Count)
                throw new InvalidDataException($"{path}: {key}: class {category} is not a class index (0..{space.Count - 1})");
            boxes[row] = new SyntheticBox(new NormalizedBox(r[0], r[1], r[2], r[3]), classIndex, columns == 5 || r[5] != 0);
        }
        return boxes;
    }

    private static (int[] Shape, double[] Data) ReadNumbers(string path)
    {
        try
        {
            var array = NpyFile.ReadFloat32(path);
            return (array.Shape, array.Data.Select(v => (double)v).ToArray());
        }
        catch (InvalidDataException e) when (e.Message.Contains("'<f8'", StringComparison.Ordinal))
        {
            // numpy's default dtype: the reference's box files are most likely float64.
            var array = NpyFile.ReadFloat64(path);
            return (array.Shape, array.Data);
        }
    }

    private static string[] Sorted(string folder, string sub, string pattern)
    {
        var dir = Path.Combine(folder, sub);
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"{folder}: no {sub}/ folder (MUSIC-Synthetic layout: audio/, video/, box/)");
        return Directory.GetFiles(dir, pattern).Order(StringComparer.Ordinal).ToArray();
    }
}
