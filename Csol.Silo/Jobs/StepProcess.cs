using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Csol.Silo.Jobs;

/// <summary>A running <c>csol step</c> child: how it is started, signalled, measured and described once it has ended.</summary>
internal sealed class StepProcess : IDisposable
{
    private const int SigTerm = 15;

    private StepProcess(Process process, DateTimeOffset startedAt)
    {
        Process = process;
        StartedAt = startedAt;
    }

    public Process Process { get; }

    public int Pid => Process.Id;

    public DateTimeOffset StartedAt { get; }

    /// <summary>Starts <c>csol step</c> with <paramref name="arguments"/>, its stdout and stderr redirected, its torch and
    /// OpenMP/MKL threads limited to <see cref="StepChildArguments.Threads"/>.</summary>
    public static StepProcess Start(StepChildArguments arguments)
    {
        var (fileName, prefix) = CsolCommand();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Concat(CommandLine(arguments)))
            start.ArgumentList.Add(arg);
        var threads = arguments.Threads.ToString(CultureInfo.InvariantCulture);
        // libtorch's OpenMP and MKL pools size themselves from these when they start, before set_num_threads runs.
        start.Environment["OMP_NUM_THREADS"] = threads;
        start.Environment["MKL_NUM_THREADS"] = threads;
        // The host's settings may turn on the server GC (a heap per core); one training process wants the workstation GC.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["COLUMNS"] = "200";
        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        return new StepProcess(process, startedAt);
    }

    /// <summary>The <c>csol step</c> command line after the program (what <c>ps</c> shows of a child).</summary>
    public static IEnumerable<string> CommandLine(StepChildArguments a) =>
    [
        "step", "--experiment", a.ExperimentId.ToString(), "--step", Invariant(a.Step), "--attempt", Invariant(a.Attempt),
        "--run-dir", a.RunDirectory, "--device", a.Device, "--threads", Invariant(a.Threads), "--channel", a.Channel,
    ];

    /// <summary>SIGTERM: asks the child to stop at its next step.</summary>
    public void Terminate()
    {
        if (!Process.HasExited)
            _ = kill(Process.Id, SigTerm);
    }

    /// <summary>SIGKILL to the child and anything it started.</summary>
    public void Kill()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // already exited
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>. Returns once it has exited.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Terminate();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await Process.WaitForExitAsync();
        }
    }

    /// <summary>Resident anonymous memory (heaps, tensors; not the mapped libraries) in MiB, from
    /// <c>/proc/{pid}/status</c>; null once the process is gone.</summary>
    public double? ResidentMiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Process.Id}/status"))
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    return double.Parse(line["RssAnon:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }

    /// <summary>How the child ended, for the experiment's log: its exit code, or the signal that killed it and what that
    /// usually means.</summary>
    public string DescribeExit()
    {
        var code = Process.ExitCode;
        // .NET reports a process killed by signal N as exit code 128 + N.
        var signal = code > 128 && code < 128 + 65 ? code - 128 : 0;
        return signal switch
        {
            0 => $"exited with code {code}",
            6 => "aborted (signal 6, SIGABRT: a native crash in libtorch or the runtime, or Environment.FailFast)",
            9 => "was killed (signal 9, SIGKILL: by hand, or by the kernel's out-of-memory killer)",
            11 => "crashed (signal 11, SIGSEGV: a native memory fault)",
            15 => "was terminated (signal 15, SIGTERM)",
            _ => $"was killed by signal {signal}",
        };
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    /// <summary>The program and leading arguments that run this build's <c>csol</c>: its apphost when the host is one,
    /// else <c>dotnet csol.dll</c> with the same runtime (the test host, <c>dotnet csol.dll serve</c>).</summary>
    private static (string FileName, string[] Prefix) CsolCommand()
    {
        var dll = typeof(StepProcess).Assembly.Location;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "csol" && Path.GetDirectoryName(self) == Path.GetDirectoryName(dll))
            return (self, []);
        if (self is not null && Path.GetFileName(self) == "dotnet")
            return (self, [dll]);
        // …/shared/Microsoft.NETCore.App/<version>/ → …/dotnet
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(root, "dotnet");
        return (File.Exists(muxer) ? muxer : "dotnet", [dll]);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
