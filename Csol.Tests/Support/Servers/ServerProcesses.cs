using System.Diagnostics;

namespace Csol.Tests.Support.Servers;

/// <summary>Runs the Debian server tools the fixtures need. PostgreSQL refuses to run as root, so as root its tools run
/// as the unprivileged <c>postgres</c> account the Debian package creates (through util-linux's <c>runuser</c>).</summary>
internal static class ServerProcesses
{
    public static bool IsRoot => Environment.UserName == "root";

    public const string PostgresAccount = "postgres";

    /// <summary>Runs a tool to completion; a non-zero exit fails with its output.</summary>
    public static async Task RunAsync(string tool, IEnumerable<string> args, bool asPostgres, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(tool, args, asPostgres))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout}: {await stdout}{await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {process.ExitCode}: {await stdout}{await stderr}");
    }

    public static ProcessStartInfo StartInfo(string tool, IEnumerable<string> args, bool asPostgres)
    {
        var start = asPostgres && IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(tool);
        if (asPostgres && IsRoot)
        {
            foreach (var a in new[] { "-u", PostgresAccount, "--", tool })
                start.ArgumentList.Add(a);
        }
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    /// <summary>Hands a folder to the <c>postgres</c> account when running as root (initdb insists on owning it).</summary>
    public static Task GiveToPostgresAsync(string folder) =>
        IsRoot ? RunAsync("chown", ["-R", $"{PostgresAccount}:{PostgresAccount}", folder], false, TimeSpan.FromSeconds(30)) : Task.CompletedTask;
}
