using System.Globalization;
using System.Text.RegularExpressions;

namespace Csol.Tests.Support;

/// <summary>The <c>csol step</c> child processes of a host, as the experiment log and <c>/proc</c> show them.</summary>
public static partial class StepChildren
{
    /// <summary>The pid in the log's "{step} attempt N runs in process P (…)" line, if written yet.</summary>
    public static int? PidFromLog(IEnumerable<string> log, string step, int attempt = 1)
    {
        foreach (var line in log)
            if (RunsIn().Match(line) is { Success: true } match && match.Groups[1].Value == step
                && match.Groups[2].Value == attempt.ToString(CultureInfo.InvariantCulture))
                return int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary>True while the process exists and is not a zombie (in a container nobody may reap an orphan).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Pids of running <c>csol step</c> processes for <paramref name="experimentId"/>, found by command line.</summary>
    public static IReadOnlyList<int> Running(Guid experimentId)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (cmdline.Contains("step") && cmdline.Contains(experimentId.ToString()) && IsRunning(pid))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to be gone; returns whether it is.</summary>
    public static async Task<bool> WaitGoneAsync(int pid, TimeSpan timeout)
    {
        for (var until = DateTime.UtcNow + timeout; IsRunning(pid) && DateTime.UtcNow < until;)
            await Task.Delay(100);
        return !IsRunning(pid);
    }

    [GeneratedRegex(@"^(\S+) attempt (\d+) runs in process (\d+) ")]
    private static partial Regex RunsIn();
}
