namespace Csol.Learning.Data.Clipart;

/// <summary>What a build produced: classes with picture counts, videos per split, pictures skipped (with reasons).</summary>
public sealed record ClipartBuildSummary(
    IReadOnlyList<ClipartClassPictures> Classes,
    IReadOnlyDictionary<ClipartSplit, int> VideosPerSplit,
    int Frames,
    int AudioSeconds,
    int AnnotatedFrames,
    int SyntheticTrain,
    int SyntheticTest,
    IReadOnlyList<string> SkippedPictures,
    double ElapsedSeconds);

/// <summary>Progress of a build: videos done out of the total, and the video just finished.</summary>
public readonly record struct ClipartBuildProgress(int Done, int Total, string Video);
