using System.Diagnostics;

namespace Csol.Tests.Support;

/// <summary>Runs the real <c>csol</c> executable (built beside the tests) as a child process.</summary>
public static class CsolProcess
{
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunWithAsync(null, null, args);

    /// <param name="environment">Variables to set (null values are removed). Unless given, <c>CSOL_CREDENTIALS</c>
    /// points at a file that does not exist, so no developer's own <c>csol login</c> leaks into a test.</param>
    /// <param name="stdin">Written to the process's standard input, which is then closed.</param>
    public static async Task<(int ExitCode, string Output)> RunWithAsync(IReadOnlyDictionary<string, string?>? environment, string? stdin,
        params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "csol.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["COLUMNS"] = "300"; // Spectre wraps long paths at the terminal width otherwise
        start.Environment["CSOL_CREDENTIALS"] = Path.Combine(Path.GetTempPath(), $"csol-no-credentials-{Guid.NewGuid():N}.json");
        start.Environment.Remove("CSOL_TOKEN");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>An admin for a <c>csol serve</c> child process, made the way a script would: <c>csol user add admin
    /// --role admin --token …</c> on its data folder (and, with <paramref name="settings"/>, its database). The token is
    /// kept beside the data, so a restart reuses it.</summary>
    public static async Task<string> AdminTokenAsync(string dataDirectory, IEnumerable<string>? settings = null)
    {
        var kept = Path.Combine(dataDirectory, "test-admin-token");
        if (File.Exists(kept))
            return await File.ReadAllTextAsync(kept);
        string[] args =
            ["user", "add", "admin", "--role", "admin", "--password-stdin", "--token", "fixture", "--data-dir", dataDirectory, .. settings ?? []];
        var (exit, output) = await RunWithAsync(null, TestUser.NewPassword(), args);
        if (exit != 0)
            throw new InvalidOperationException($"csol user add failed ({exit}): {output}");
        var token = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(kept, token);
        return token;
    }

    /// <summary>Starts <c>csol serve</c> on free ports with an admin and waits until it answers. The caller kills or stops it.</summary>
    public static Task<ServerProcess> StartServerAsync(string dataDirectory, params string[] settings)
        => StartServerAsync(dataDirectory, true, settings);

    /// <param name="withAdmin">Creates the admin first (<see cref="AdminTokenAsync"/>); false starts a fresh install.</param>
    public static async Task<ServerProcess> StartServerAsync(string dataDirectory, bool withAdmin, params string[] settings)
    {
        var token = withAdmin ? await AdminTokenAsync(dataDirectory) : null;
        return await StartHostAsync(["serve", "--data-dir", dataDirectory, "--experiments-dir", TestPaths.ExperimentsDirectory], settings,
            adminToken: token);
    }

    /// <summary>Starts a host verb (<c>serve</c>, <c>worker --devices …</c>) with its own URL and silo ports, and waits
    /// until its <c>/healthz</c> answers. The caller kills or stops it.</summary>
    /// <param name="adminToken">A token <see cref="ServerProcess.CreateClient"/> sends (from <see cref="AdminTokenAsync"/>).</param>
    public static async Task<ServerProcess> StartHostAsync(IEnumerable<string> verb, IEnumerable<string> settings, TimeSpan? timeout = null,
        string? adminToken = null)
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
        var server = new ServerProcess(process, url, adminToken);
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

    public ServerProcess(Process process, string url, string? adminToken = null)
    {
        Process = process;
        Url = url;
        AdminToken = adminToken;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Url { get; }

    /// <summary>The admin's write token (null for a fresh install).</summary>
    public string? AdminToken { get; }

    public HttpClient CreateClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        if (AdminToken is not null)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }

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
