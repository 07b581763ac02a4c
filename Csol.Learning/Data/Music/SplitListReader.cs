namespace Csol.Learning.Data.Music;

/// <summary>
/// Split lists (<c>solo_training_1.txt</c>, …): one <c>&lt;id&gt;.flac &lt;id&gt;.mp4</c> line per video (spec §1.2).
/// Some reference files have CRLF endings and a missing final newline; both are accepted.
/// </summary>
public static class SplitListReader
{
    /// <summary>The video names (<c>&lt;ytid&gt;_0_1000</c>) in file order.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        var ids = new List<string>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            ids.Add(ParseLine(line) ?? throw new InvalidDataException(
                $"{path}:{lineNumber}: expected '<id>.flac <id>.mp4', found '{line}'"));
        }
        return ids;
    }

    private static string? ParseLine(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].EndsWith(".flac", StringComparison.Ordinal) || !parts[1].EndsWith(".mp4", StringComparison.Ordinal))
            return null;
        var audio = parts[0][..^".flac".Length];
        var video = parts[1][..^".mp4".Length];
        return audio.Length > 0 && audio == video ? audio : null;
    }
}
