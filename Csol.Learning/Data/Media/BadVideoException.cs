namespace Csol.Learning.Data.Media;

/// <summary>A video that cannot become training data; <see cref="Exception.Message"/> is "path: problem".</summary>
public sealed class BadVideoException(string path, string problem, Exception? inner = null)
    : IOException($"{path}: {problem}", inner)
{
    public string VideoPath { get; } = path;
    public string Problem { get; } = problem;
}
