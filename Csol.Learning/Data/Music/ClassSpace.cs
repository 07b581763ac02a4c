namespace Csol.Learning.Data.Music;

/// <summary>
/// The classes of a dataset: ordered names (a label is the position) and the annotation files' <c>category_id</c> space.
/// <see cref="Music"/> (the default of every reader and writer) is MUSIC's 11 sorted classes with the 7 detector ids of
/// spec §1.3; a dataset with other classes (MUSIC-Clipart) ships a <c>categories.json</c> read by <see cref="Load"/>.
/// </summary>
public sealed record ClassSpace
{
    public const string CategoriesFile = "categories.json";

    private readonly Dictionary<int, int> classById;
    private readonly Dictionary<int, int> idByClass;

    /// <param name="names">Class names in label order; unique.</param>
    /// <param name="classByCategoryId">Category id → label; classes without an id cannot be written to annotation files.</param>
    public ClassSpace(IReadOnlyList<string> names, IReadOnlyDictionary<int, int> classByCategoryId)
    {
        if (names.Count == 0 || names.Distinct(StringComparer.Ordinal).Count() != names.Count || names.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"Class names must be non-empty and unique: {string.Join(", ", names)}.", nameof(names));
        // Duet groups are space-separated class names (spec §1.2), so a name with a space could not be read back.
        if (names.FirstOrDefault(n => n.Contains(' ')) is { } spaced)
            throw new ArgumentException($"Class name '{spaced}' has a space; duet groups separate names by spaces.", nameof(names));
        foreach (var (id, label) in classByCategoryId.Where(p => p.Value < 0 || p.Value >= names.Count))
            throw new ArgumentException($"Category id {id} maps to class {label}, outside 0..{names.Count - 1}.", nameof(classByCategoryId));
        if (classByCategoryId.Values.Distinct().Count() != classByCategoryId.Count)
            throw new ArgumentException("Two category ids map to the same class.", nameof(classByCategoryId));
        Names = names.ToArray();
        classById = classByCategoryId.ToDictionary(p => p.Key, p => p.Value);
        idByClass = classById.ToDictionary(p => p.Value, p => p.Key);
        CategoryIds = classById.Keys.Order().ToArray();
        AnnotatedClasses = idByClass.Keys.Order().ToArray();
    }

    /// <summary>MUSIC (spec §1.2, §1.3): only 7 classes have detector ids; erhu, clarinet, tuba, xylophone were not annotated (issue #8).</summary>
    public static ClassSpace Music { get; } = new(
        ["accordion", "acoustic_guitar", "cello", "clarinet", "erhu", "flute", "saxophone", "trumpet", "tuba", "violin", "xylophone"],
        new Dictionary<int, int> { [13] = 0, [3] = 1, [1] = 2, [12] = 5, [8] = 6, [10] = 7, [11] = 9 });

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>Category ids in ascending order.</summary>
    public IReadOnlyList<int> CategoryIds { get; }

    /// <summary>Labels that have a category id (the annotatable classes).</summary>
    public IReadOnlyList<int> AnnotatedClasses { get; }

    public bool TryIndexOf(string name, out int index)
    {
        index = -1;
        for (var i = 0; i < Names.Count && index < 0; i++)
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
                index = i;
        return index >= 0;
    }

    /// <summary>The label of <paramref name="name"/>; <paramref name="source"/> names where it came from for the error.</summary>
    public int IndexOf(string name, string source) =>
        TryIndexOf(name, out var index)
            ? index
            : throw new InvalidDataException($"{source}: unknown {Describe()} class '{name}' (known: {string.Join(", ", Names)})");

    public string NameOf(int index) =>
        index >= 0 && index < Names.Count
            ? Names[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"A {Describe()} class index is 0..{Names.Count - 1}.");

    public bool TryToClassIndex(int categoryId, out int classIndex) => classById.TryGetValue(categoryId, out classIndex);

    /// <summary>The label of a category id; an unknown id names the file and key it came from.</summary>
    public int ToClassIndex(int categoryId, string file, string key) =>
        classById.TryGetValue(categoryId, out var classIndex)
            ? classIndex
            : throw new InvalidDataException(
                $"{file}: {key}: unknown detector category id {categoryId} (known: {string.Join(", ", CategoryIds)})");

    /// <summary>The category id of a label; a class without one cannot be written to annotation files.</summary>
    public int ToCategoryId(int classIndex) =>
        idByClass.TryGetValue(classIndex, out var id)
            ? id
            : throw new ArgumentException(
                $"Class {classIndex} ({NameOf(classIndex)}) has no detector category id; only " +
                $"{string.Join(", ", AnnotatedClasses.Select(NameOf))} can be written to annotation files.",
                nameof(classIndex));

    /// <summary>The <c>categories.json</c> of <paramref name="folder"/> when it has one, else <see cref="Music"/>.</summary>
    public static ClassSpace ForFolder(string folder)
    {
        var path = Path.Combine(folder, CategoriesFile);
        return File.Exists(path) ? Load(path) : Music;
    }

    /// <summary>Reads <c>[{"name": …, "label": …, "category_id": …}, …]</c> (see <see cref="ClassSpaceFile"/>).</summary>
    public static ClassSpace Load(string path) => ClassSpaceFile.Read(path);

    private string Describe() => ReferenceEquals(this, Music) ? "MUSIC" : "dataset";

    public bool Equals(ClassSpace? other) =>
        other is not null && Names.SequenceEqual(other.Names)
        && classById.Count == other.classById.Count && !classById.Except(other.classById).Any();

    public override int GetHashCode() => HashCode.Combine(Names.Count, string.Join(' ', Names));
}
