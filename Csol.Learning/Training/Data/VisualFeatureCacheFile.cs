using static TorchSharp.torch;

namespace Csol.Learning.Training.Data;

/// <summary>A cached feature tensor on disk: its fp16 bytes, row block by row block. The file name carries the key
/// (<see cref="VisualFeatureCacheKey"/>); a file of the wrong length is ignored and rewritten.</summary>
internal static class VisualFeatureCacheFile
{
    private const int RowsPerBlock = 256;

    /// <summary>The rows, or null when there is no file or its length is not that of <paramref name="shape"/> in fp16.</summary>
    public static Tensor? TryRead(string path, long[] shape)
    {
        var info = new FileInfo(path);
        var rowBytes = 2 * shape[1..].Aggregate(1L, (a, b) => a * b);
        if (!info.Exists || info.Length != shape[0] * rowBytes)
            return null;
        var rows = empty(shape, ScalarType.Float16);
        using var stream = File.OpenRead(path);
        for (long start = 0; start < shape[0]; start += RowsPerBlock)
        {
            var count = Math.Min(RowsPerBlock, shape[0] - start);
            var bytes = new byte[count * rowBytes];
            stream.ReadExactly(bytes);
            using var block = empty([count, .. shape[1..]], ScalarType.Float16);
            block.bytes = bytes;
            rows.narrow(0, start, count).copy_(block);
        }
        return rows;
    }

    /// <summary>Writes to a temporary file first, so a killed run never leaves a truncated cache under the final name.</summary>
    public static void Write(string path, Tensor rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = File.Create(temporary))
            for (long start = 0; start < rows.shape[0]; start += RowsPerBlock)
            {
                using var block = rows.narrow(0, start, Math.Min(RowsPerBlock, rows.shape[0] - start)).contiguous();
                stream.Write(block.bytes);
            }
        File.Move(temporary, path, overwrite: true);
    }
}
