namespace Csol.Learning.Data.Clipart;

/// <summary>
/// Where the external inputs of a MUSIC-Clipart build live: Debian's fluidsynth, the FluidR3 General MIDI SoundFont
/// and the openclipart SVG tree. <see cref="Check"/> says in one message what is missing and how to get it.
/// </summary>
public sealed record ClipartTools(string FluidSynth, string SoundFont, string ClipartRoot)
{
    public const string InstallHint = "install Debian's fluidsynth fluid-soundfont-gm openclipart-svg (setup.sh does)";

    public static ClipartTools Default { get; } = new(
        "/usr/bin/fluidsynth", "/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/openclipart/svg");

    /// <summary>The instruments' folder inside the clip-art tree.</summary>
    public string MusicFolder => Path.Combine(ClipartRoot, "recreation", "music");

    /// <summary>Throws with every missing input named, or returns when all are there.</summary>
    public void Check()
    {
        var missing = new List<string>();
        if (!File.Exists(FluidSynth))
            missing.Add($"fluidsynth ({FluidSynth})");
        if (!File.Exists(SoundFont))
            missing.Add($"the SoundFont ({SoundFont})");
        if (!Directory.Exists(MusicFolder))
            missing.Add($"the clip-art folder ({MusicFolder})");
        if (missing.Count > 0)
            throw new ClipartToolsMissingException($"MUSIC-Clipart needs {string.Join(", ", missing)}: {InstallHint}.");
    }
}

public sealed class ClipartToolsMissingException(string message) : Exception(message);
