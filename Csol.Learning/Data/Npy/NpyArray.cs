namespace Csol.Learning.Data.Npy;

/// <summary>A dense C-order array read from or written to a <c>.npy</c> file.</summary>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar.</param>
/// <param name="Data">Elements in C (row-major) order; its length is the product of <paramref name="Shape"/>.</param>
public sealed record NpyArray<T>(int[] Shape, T[] Data) where T : unmanaged
{
    /// <summary>Copies a 2-D array (e.g. a (201, 64) log-mel second) into an <see cref="NpyArray{T}"/>.</summary>
    public static NpyArray<T> From(T[,] values)
    {
        var data = new T[values.Length];
        Buffer.BlockCopy(values, 0, data, 0, values.Length * System.Runtime.InteropServices.Marshal.SizeOf<T>());
        return new NpyArray<T>([values.GetLength(0), values.GetLength(1)], data);
    }

    /// <summary>The array as a 2-D array; throws unless it has exactly two dimensions.</summary>
    public T[,] To2D()
    {
        if (Shape.Length != 2)
            throw new InvalidOperationException($"expected a 2-D array, got shape {NpyHeader.FormatShape(Shape)}");
        var values = new T[Shape[0], Shape[1]];
        Buffer.BlockCopy(Data, 0, values, 0, Data.Length * System.Runtime.InteropServices.Marshal.SizeOf<T>());
        return values;
    }
}
