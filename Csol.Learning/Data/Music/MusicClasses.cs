namespace Csol.Learning.Data.Music;

/// <summary>The 11 MUSIC solo classes; a label is the position in this alphabetically sorted list (spec §1.2).</summary>
public static class MusicClasses
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "accordion", "acoustic_guitar", "cello", "clarinet", "erhu", "flute",
        "saxophone", "trumpet", "tuba", "violin", "xylophone",
    ];

    public static int Count => Names.Count;

    public static bool TryIndexOf(string name, out int index)
    {
        index = -1;
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
                index = i;
        return index >= 0;
    }

    /// <summary>The label of <paramref name="name"/>; <paramref name="source"/> names where it came from for the error.</summary>
    public static int IndexOf(string name, string source) =>
        TryIndexOf(name, out var index)
            ? index
            : throw new InvalidDataException($"{source}: unknown MUSIC class '{name}' (known: {string.Join(", ", Names)})");

    public static string NameOf(int index) =>
        index >= 0 && index < Names.Count
            ? Names[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"A MUSIC class index is 0..{Names.Count - 1}.");
}
