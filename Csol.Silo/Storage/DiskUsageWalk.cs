using Csol.Abstractions.Services;

namespace Csol.Silo.Storage;

/// <summary>Disk use by walking folders: regular files count with their length; links are not followed, so a link
/// out of a run folder never counts (or gets deleted) as the run's.</summary>
public static class DiskUsageWalk
{
    public static DiskUsage Measure(string directory)
    {
        if (!Directory.Exists(directory))
            return DiskUsage.None;
        var options =
            new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        long files = 0, bytes = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", options))
        {
            files++;
            bytes += file.Length;
        }
        return new DiskUsage(files, bytes);
    }

    /// <summary>Every <c>runs/{id:N}</c> folder by experiment id; the total also counts what lies in <c>runs/</c>
    /// under other names.</summary>
    public static StorageUsage MeasureRuns(string runsDirectory, DateTimeOffset now)
    {
        var perExperiment = new Dictionary<Guid, DiskUsage>();
        var total = DiskUsage.None;
        if (Directory.Exists(runsDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(runsDirectory))
            {
                var usage = Measure(folder);
                total = total.Add(usage);
                if (Guid.TryParseExact(Path.GetFileName(folder), "N", out var id))
                    perExperiment[id] = usage;
            }
            foreach (var file in Directory.EnumerateFiles(runsDirectory))
                total = total.Add(new DiskUsage(1, new FileInfo(file).Length));
        }
        return new StorageUsage(total, perExperiment, now);
    }
}
