using Csol.Learning.Data.Npy;

namespace Csol.Learning.Data.Pickle;

/// <summary>What <see cref="PickleToNpyConverter.Convert"/> did.</summary>
public sealed record PickleConversion(int Converted, int AlreadyPresent, IReadOnlyList<string> Failures);

/// <summary>Turns a downloaded data set's log-mel pickles (<c>audio/*.pkl</c> of MUSIC-Synthetic,
/// <c>audio_frames/&lt;video&gt;/SSS.pkl</c> of MUSIC) into the <c>.npy</c> files our readers take, beside them.</summary>
/// <remarks>Each <c>.npy</c> is written to a temporary name and renamed, so an interrupted run leaves no half file and a
/// rerun continues. A pickle that is not a (201, 64) float array is reported with its name and actual shape, and
/// nothing is written for it.</remarks>
public static class PickleToNpyConverter
{
    public static PickleConversion Convert(string root, bool overwrite = false)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"folder not found: {root}");
        int converted = 0, present = 0;
        var failures = new List<string>();
        var pickles = Directory.EnumerateFiles(root, "*.pkl", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var pickle in pickles)
        {
            var target = Path.ChangeExtension(pickle, ".npy");
            if (!overwrite && File.Exists(target))
            {
                present++;
                continue;
            }
            try
            {
                var logMel = NumpyPickleReader.ReadFloatMatrix(pickle, NpyFile.LogMelShape[0], NpyFile.LogMelShape[1]);
                var temporary = target + ".partial";
                NpyFile.Write(temporary, logMel);
                File.Move(temporary, target, overwrite: true);
                converted++;
            }
            catch (InvalidDataException e)
            {
                failures.Add(e.Message);
            }
        }
        return new PickleConversion(converted, present, failures);
    }
}
