using System.Text.Json;
using System.Text.Json.Serialization;

namespace Csol.Silo.Jobs;

/// <summary>One line of the channel between a step's child process (<c>csol step</c>) and the host supervising it: a
/// JSON object per line over a Unix domain socket the host listens on. Which fields are set depends on
/// <see cref="Type"/>; see docs/isolation.md for the whole exchange.</summary>
/// <remarks>The channel is not stdout: the child's stdout and stderr stay free for whatever it, .NET or libtorch print,
/// which goes to the experiment log as text, and nothing printed there can be mistaken for a metric point.</remarks>
internal sealed record StepMessage
{
    // Child → host.
    /// <summary>First line of the child: its process id (checked against the process the host started).</summary>
    public const string Hello = "hello";
    /// <summary>One training step: <see cref="Step"/>, <see cref="TotalSteps"/>, <see cref="Epoch"/>, <see cref="Metrics"/>, <see
    /// cref="Elapsed"/>.</summary>
    public const string Progress = "progress";
    /// <summary>The child is about to write a checkpoint: the host stores every point sent before this line, then answers <see cref="Flushed"/> with
    /// the same <see cref="Id"/>.</summary>
    public const string Flush = "flush";
    /// <summary>The step finished: <see cref="Metrics"/> are its final metrics, <see cref="Step"/> its step count.</summary>
    public const string Result = "result";
    /// <summary>The step threw: <see cref="Error"/> says what, <see cref="Kind"/> whether a retry could help.</summary>
    public const string Failure = "failure";

    // Host → child.
    /// <summary>Answer to <see cref="Hello"/>: the experiment's config JSON in <see cref="Config"/>.</summary>
    public const string Start = "start";
    /// <summary>Answer to <see cref="Flush"/>: the points before it are durably stored, the checkpoint may be written.</summary>
    public const string Flushed = "flushed";

    /// <summary><see cref="Failure"/> kinds: a config that cannot run, data that is missing or broken (in <c>preprocess</c>), anything
    /// else.</summary>
    public const string ConfigKind = "config", DataKind = "data", ErrorKind = "error";

    public required string Type { get; init; }
    public int? Pid { get; init; }
    public long? Id { get; init; }
    public int? Step { get; init; }
    public int? TotalSteps { get; init; }
    public int? Epoch { get; init; }
    public double? Elapsed { get; init; }
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
    public string? Error { get; init; }
    public string? Kind { get; init; }
    public string? Config { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A diverging loss is NaN or Infinity, and must arrive as such rather than fail the step.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One line, without its newline (JSON escapes any newline inside strings).</summary>
    public string ToLine() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="InvalidDataException">Not a message of this protocol.</exception>
    public static StepMessage Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<StepMessage>(line, Json) ?? throw new InvalidDataException("null message");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a step message: {Shorten(line)} ({e.Message})", e);
        }
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
