using System.Text.RegularExpressions;

namespace Csol.Learning.Data.Music;

/// <summary>
/// MUSIC names a clip <c>&lt;ytid&gt;_0_1000</c> in split lists, annotation keys and frame folders, but the class lists
/// (<c>MUSIC_solo_videos.json</c>) hold bare YouTube ids; this converts between the two.
/// </summary>
public static partial class MusicVideoNames
{
    /// <summary>The YouTube id inside a clip name (<c>abc_0_1000</c> → <c>abc</c>); a bare id is returned as is.</summary>
    public static string YouTubeId(string videoName)
    {
        var match = ClipSuffix().Match(videoName);
        return match.Success ? match.Groups["id"].Value : videoName;
    }

    [GeneratedRegex(@"^(?<id>.+)_\d+_\d+$")]
    private static partial Regex ClipSuffix();
}
