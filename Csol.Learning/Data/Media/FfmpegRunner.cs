using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Csol.Learning.Data.Media;

/// <summary><c>ffmpeg</c> or <c>ffprobe</c> exited with an error; the message holds the tool's stderr.</summary>
public sealed class FfmpegException(string message) : IOException(message);

/// <summary>The tool is not installed: a problem of this machine, not of the file being processed.</summary>
public sealed class FfmpegNotFoundException(string message) : IOException(message);

/// <summary>Runs <c>ffmpeg</c> / <c>ffprobe</c> as child processes and returns their stdout.</summary>
/// <param name="searchPath">Folders to look for the tools in; the <c>PATH</c> environment variable when null.</param>
/// <remarks>We call the Debian binaries rather than bind libav* from .NET: no native package to ship, every codec
/// ffmpeg knows, and a decoding failure stays in a child process.</remarks>
public sealed class FfmpegRunner(string? searchPath = null)
{
    private const int StderrTailChars = 2000;

    /// <summary>Runs <paramref name="tool"/> ("ffmpeg" or "ffprobe") and returns everything it wrote to stdout.</summary>
    /// <exception cref="FfmpegNotFoundException">The tool is not on the search path.</exception>
    /// <exception cref="FfmpegException">The tool exited with a non-zero code.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the process has been killed.</exception>
    public async Task<byte[]> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // ffmpeg reads keys from stdin unless told -nostdin; an empty stdin is safer still
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-hide_banner");
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new FfmpegNotFoundException($"{tool} could not be started ({e.Message}); install Debian's ffmpeg (setup.sh does)");
        }
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        // Both pipes are drained concurrently, or a chatty stderr would fill its buffer and stall the process.
        var stdoutTask = process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await stdoutTask.ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new FfmpegException($"{tool} failed (exit code {process.ExitCode}): {Tail(stderr)}");
        return stdout.ToArray();
    }

    private string Locate(string tool)
    {
        var folders =
            (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists)
            ?? throw new FfmpegNotFoundException($"{tool} not found; install Debian's ffmpeg (setup.sh does)");
    }

    private static string Tail(string stderr)
    {
        var text = new StringBuilder(stderr.Trim()).Replace('\n', ' ').Replace("\r", "").ToString();
        return text.Length <= StderrTailChars ? text : "…" + text[^StderrTailChars..];
    }
}
