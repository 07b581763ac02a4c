namespace Csol.Learning.Data.Music;

/// <summary>The 11 MUSIC solo classes; a label is the position in this alphabetically sorted list (spec §1.2).</summary>
/// <remarks>Shorthand for <see cref="ClassSpace.Music"/>, kept for code that only ever sees real MUSIC data.</remarks>
public static class MusicClasses
{
    public static IReadOnlyList<string> Names => ClassSpace.Music.Names;

    public static int Count => ClassSpace.Music.Count;

    public static bool TryIndexOf(string name, out int index) => ClassSpace.Music.TryIndexOf(name, out index);

    /// <summary>The label of <paramref name="name"/>; <paramref name="source"/> names where it came from for the error.</summary>
    public static int IndexOf(string name, string source) => ClassSpace.Music.IndexOf(name, source);

    public static string NameOf(int index) => ClassSpace.Music.NameOf(index);
}
