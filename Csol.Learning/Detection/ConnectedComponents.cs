namespace Csol.Learning.Detection;

/// <summary>One connected region of a binary mask: its pixels and their bounding rectangle (inclusive ends).</summary>
public sealed record MaskComponent(IReadOnlyList<(int Row, int Column)> Pixels, int Top, int Left, int Bottom, int Right);

/// <summary>Connected components of a binary mask with 8-connectivity.</summary>
/// <remarks>8 rather than 4: class maps are upsampled from a 16-times coarser grid, so a slanted instrument (a flute,
/// a violin's neck) comes out as a diagonal run of cells that only touch at corners; 4-connectivity would cut it into
/// several small boxes, none of which covers the object.</remarks>
public static class ConnectedComponents
{
    private static readonly (int Row, int Column)[] Neighbours =
        [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)];

    /// <summary>The components in raster order of their first pixel.</summary>
    public static IReadOnlyList<MaskComponent> Find(bool[,] mask)
    {
        var (rows, columns) = (mask.GetLength(0), mask.GetLength(1));
        var seen = new bool[rows, columns];
        var components = new List<MaskComponent>();
        var queue = new Queue<(int Row, int Column)>();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                if (!mask[r, c] || seen[r, c])
                    continue;
                var pixels = new List<(int Row, int Column)>();
                seen[r, c] = true;
                queue.Enqueue((r, c));
                while (queue.Count > 0)
                {
                    var pixel = queue.Dequeue();
                    pixels.Add(pixel);
                    foreach (var (dr, dc) in Neighbours)
                    {
                        var (nr, nc) = (pixel.Row + dr, pixel.Column + dc);
                        if (nr < 0 || nc < 0 || nr >= rows || nc >= columns || !mask[nr, nc] || seen[nr, nc])
                            continue;
                        seen[nr, nc] = true;
                        queue.Enqueue((nr, nc));
                    }
                }
                components.Add(new MaskComponent(pixels, pixels.Min(p => p.Row), pixels.Min(p => p.Column),
                    pixels.Max(p => p.Row), pixels.Max(p => p.Column)));
            }
        return components;
    }
}
