namespace Csol.Learning.Data.Music;

/// <summary>Writes split lists in the reference layout (LF endings).</summary>
public static class SplitListWriter
{
    public static void Write(string path, IEnumerable<string> videoNames)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        foreach (var name in videoNames)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Contains(' '))
                throw new ArgumentException($"'{name}' cannot be a video name in a split list (empty or has spaces).", nameof(videoNames));
            writer.WriteLine($"{name}.flac {name}.mp4");
        }
    }
}
