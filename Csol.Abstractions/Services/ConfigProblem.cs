namespace Csol.Abstractions.Services;

/// <summary>One problem found in a config the user submitted: which file (<paramref name="Source"/>), which field (a
/// JSON path such as <c>training.clusters</c>; empty for the file as a whole) and what was expected.</summary>
/// <remarks>The contract's copy of the method library's <c>ConfigError</c>, so the dashboard needs no reference to it;
/// the host maps one to the other.</remarks>
public sealed record ConfigProblem(string Source, string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"{Source}: {Message}" : $"{Source}: {Field}: {Message}";
}
