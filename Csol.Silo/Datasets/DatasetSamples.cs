using Csol.Abstractions;
using Csol.Learning.Data.Music;

namespace Csol.Silo.Datasets;

/// <summary>Annotated frames of a MUSIC-layout folder for browsing: from <c>solotest.json</c> and <c>duettest.json</c>,
/// taken round-robin over the classes of their first box so every class shows up.</summary>
public static class DatasetSamples
{
    public static readonly IReadOnlyList<string> AnnotationFiles = ["solotest.json", "duettest.json"];

    public static IReadOnlyList<DatasetSample> Pick(string folder, string datasetId, int count)
    {
        var classes = ClassSpace.ForFolder(folder);
        var framesRoot = Path.Combine(folder, "video_frames");
        var frames = new List<ResolvedFrame>();
        foreach (var file in AnnotationFiles.Select(f => Path.Combine(folder, f)).Where(File.Exists))
        {
            try
            {
                var annotations = FrameAnnotationReader.Read(file, classes).Where(a => a.HasBoxes);
                frames.AddRange(
                    AnnotatedFrameResolver.Resolve(annotations, file, framesRoot, nearestInSecond: true, skipBad: true, new List<string>()));
            }
            catch (InvalidDataException)
            {
                // A broken annotation file shows up in the dataset's problems; browsing shows what the others hold.
            }
        }
        var byClass = frames.GroupBy(f => f.Annotation.Boxes[0].ClassIndex).OrderBy(g => g.Key).Select(g => new Queue<ResolvedFrame>(g)).ToList();
        var picked = new List<DatasetSample>();
        while (picked.Count < count && byClass.Any(q => q.Count > 0))
            foreach (var queue in byClass.Where(q => q.Count > 0))
            {
                if (picked.Count == count)
                    break;
                picked.Add(ToSample(queue.Dequeue(), folder, datasetId, classes));
            }
        return picked;
    }

    public static string FileUrl(string datasetId, string relativePath) =>
        $"/api/datasets/{datasetId}/files/{string.Join('/', relativePath.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString))}";

    private static DatasetSample ToSample(ResolvedFrame frame, string folder, string datasetId, ClassSpace classes)
    {
        var a = frame.Annotation;
        var boxes =
            a.Boxes.Select(b => new SampleBox(classes.NameOf(b.ClassIndex), b.Pixels.X, b.Pixels.Y, b.Pixels.Width, b.Pixels.Height)).ToArray();
        return new DatasetSample(FileUrl(datasetId, Path.GetRelativePath(folder, frame.FramePath)), a.Width, a.Height, boxes);
    }
}
