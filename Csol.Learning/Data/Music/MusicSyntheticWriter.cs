using Csol.Learning.Data.Images;
using Csol.Learning.Data.Npy;
using SkiaSharp;

namespace Csol.Learning.Data.Music;

/// <summary>
/// Writes samples in the MUSIC-Synthetic layout read by <see cref="MusicSyntheticReader"/>. Names are the zero-padded
/// index (<c>000042</c>), so sorted-name pairing gives back the write order.
/// </summary>
public sealed class MusicSyntheticWriter(string folder, bool writeBoxes = true)
{
    public string Folder => folder;

    public static string NameOf(int index) => index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes one sample; boxes as (N, 6) float32 rows <c>[x, y, w, h, class, sounding]</c>.</summary>
    public void Write(int index, SKBitmap frame, float[,] logMel, IReadOnlyList<SyntheticBox> boxes)
    {
        var name = NameOf(index);
        FrameEncoder.WriteJpeg(Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "video")).FullName, name + ".jpg"), frame);
        NpyFile.Write(Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "audio")).FullName, name + ".npy"), logMel);
        if (writeBoxes)
            WriteBoxes(Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "box")).FullName, name + ".npy"), boxes);
    }

    public static void WriteBoxes(string path, IReadOnlyList<SyntheticBox> boxes)
    {
        var rows = new float[boxes.Count * 6];
        for (var i = 0; i < boxes.Count; i++)
        {
            var b = boxes[i];
            float[] row = [(float)b.Box.X, (float)b.Box.Y, (float)b.Box.Width, (float)b.Box.Height, b.ClassIndex, b.Sounding ? 1 : 0];
            row.CopyTo(rows, 6 * i);
        }
        NpyFile.Write(path, new NpyArray<float>([boxes.Count, 6], rows));
    }
}
