namespace Csol.Abstractions;

/// <summary>A registered dataset: a folder under one of the configured data roots, identified by its content hash.</summary>
[GenerateSerializer, Immutable]
public sealed record DatasetInfo
{
    /// <summary>The first 16 hex digits of the content hash.</summary>
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public string Name { get; init; } = "";
    /// <summary>As the user gave it, relative to its data root.</summary>
    [Id(2)] public string Path { get; init; } = "";
    [Id(3)] public string ContentHash { get; init; } = "";
    [Id(4)] public int Videos { get; init; }
    [Id(5)] public int Clips { get; init; }
    [Id(6)] public double Seconds { get; init; }
    [Id(7)] public IReadOnlyDictionary<string, int> PerClassCounts { get; init; } = new Dictionary<string, int>();
    [Id(8)] public IReadOnlyList<string> Problems { get; init; } = [];
    [Id(9)] public IReadOnlyList<Guid> UsedBy { get; init; } = [];
    [Id(10)] public DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>One annotated frame of a dataset with its boxes in the frame's own pixels.</summary>
[GenerateSerializer, Immutable]
public sealed record DatasetSample(
    [property: Id(0)] string FileUrl,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] IReadOnlyList<SampleBox> Boxes);

[GenerateSerializer, Immutable]
public sealed record SampleBox(
    [property: Id(0)] string ClassName,
    [property: Id(1)] double X,
    [property: Id(2)] double Y,
    [property: Id(3)] double Width,
    [property: Id(4)] double Height);
