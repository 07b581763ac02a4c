namespace Csol.Learning.Data.Loading;

/// <summary>One usable second of a MUSIC-layout video: its frame folder and its log-mel file both exist.</summary>
/// <param name="Frames">The JPEGs of <c>video_frames/&lt;video&gt;/frame_SSS/</c>, sorted; one is drawn per use (spec §1.1).</param>
/// <param name="AudioPath"><c>audio_frames/&lt;video&gt;/SSS.npy</c>.</param>
public sealed record MusicClip(string Video, int Second, IReadOnlyList<string> Frames, string AudioPath);
