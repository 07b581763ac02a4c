using System.Diagnostics;

namespace Csol.Tests.Support;

/// <summary>Runs the real <c>csol</c> executable (built beside the tests) as a child process.</summary>
public static class CsolProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "csol.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["COLUMNS"] = "300"; // Spectre wraps long paths at the terminal width otherwise
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts <c>csol serve</c> on free ports and waits until it answers. The caller kills or stops it.</summary>
    public static Task<ServerProcess> StartServerAsync(string dataDirectory, params string[] settings) =>
        StartHostAsync(["serve", "--data-dir", dataDirectory, "--experiments-dir", TestPaths.ExperimentsDirectory], settings);

    /// <summary>Starts a host verb (<c>serve</c>, <c>worker --devices …</c>) with its own URL and silo ports, and waits
    /// until its <c>/healthz</c> answers. The caller kills or stops it.</summary>
    public static async Task<ServerProcess> StartHostAsync(IEnumerable<string> verb, IEnumerable<string> settings, TimeSpan? timeout = null)
    {
        var url = $"http://127.0.0.1:{TestPaths.FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "csol.dll") }.Concat(verb).Concat(
                 [
                     "--urls", url,
                     $"--Csol:Orleans:SiloPort={TestPaths.FreePort()}", $"--Csol:Orleans:GatewayPort={TestPaths.FreePort()}",
                     "--Logging:LogLevel:Default=Warning",
                 ]).Concat(settings))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var wait = timeout ?? TimeSpan.FromSeconds(90);
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"csol {string.Join(' ', verb)} exited with {process.ExitCode}: {server.Output}");
            try
            {
                if ((await http.GetAsync($"{url}/healthz")).IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"csol {string.Join(' ', verb)} did not answer at {url} within {wait}: {server.Output}");
            await Task.Delay(200);
        }
    }
}

/// <summary>A running <c>csol serve</c> child process; disposing kills it if still running.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly System.Text.StringBuilder _output = new();

    public ServerProcess(Process process, string url)
    {
        Process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Url { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>SIGKILL: the process gets no chance to stop its jobs or flush anything.</summary>
    public void KillHard()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
            KillHard();
        Process.Dispose();
    }
}
