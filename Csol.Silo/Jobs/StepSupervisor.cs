using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Csol.Abstractions;
using Csol.Learning.Training;
using Csol.Silo.Hosting;
using Csol.Silo.Scheduling;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Jobs;

/// <summary>One attempt at a step, as the host sees it: which experiment, step and attempt, where its files are, the
/// device it was given and the config to run.</summary>
internal sealed record StepLaunch(Guid ExperimentId, string StepName, int Step, int Attempt, string RunDirectory, string Device, string ConfigJson);

/// <summary>How an attempt ended. <see cref="Failed"/> carries a <see cref="StepMessage"/> failure kind: a child that
/// died, crashed or ran out of memory is an <see cref="StepMessage.ErrorKind"/>, which a retry may mend.</summary>
internal sealed record StepOutcome(StepOutcome.Ending End, TrainingResult? Result = null, string? Error = null, string Kind = StepMessage.ErrorKind)
{
    public enum Ending { Succeeded, Failed, Stopped }
}

/// <summary>Runs one attempt of a step in its own <c>csol step</c> process and relays what it reports: output lines to
/// the experiment log, progress to the <see cref="MetricReporter"/>, flushes before checkpoints (answered once the points
/// are stored), the result or the error. Stops the child when cancelled (SIGTERM, then SIGKILL after
/// <see cref="JobsOptions.CancelGraceSeconds"/>), kills it when it exceeds <see cref="JobsOptions.MemoryLimitMiB"/>, and
/// turns a child that dies into a failed attempt naming its exit code or signal. See docs/isolation.md.</summary>
public sealed class StepSupervisor(IExperimentLog log, IOptions<JobsOptions> jobs, IDeviceInventory inventory, ILogger<StepSupervisor> logger)
{
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(200);

    private JobsOptions Options => jobs.Value;

    private TimeSpan Grace => TimeSpan.FromSeconds(Options.CancelGraceSeconds);

    /// <summary>Torch threads per child: configured, or the host's cores shared among its devices.</summary>
    public int ThreadsPerStep => Options.ThreadsPerStep > 0 ? Options.ThreadsPerStep
        : Math.Max(1, Environment.ProcessorCount / Math.Max(1, inventory.Devices.Count));

    /// <param name="cancel">Fires on a user's cancel or the host stopping: the child is stopped and the outcome is
    /// <see cref="StepOutcome.Ending.Stopped"/> (the caller knows which of the two it was).</param>
    internal async Task<StepOutcome> RunAsync(StepLaunch launch, MetricReporter reporter, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("csol-step-"); // mode 0700: no other user can reach the socket
        try
        {
            var channel = Path.Combine(folder.FullName, "channel");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(channel));
            listener.Listen(1);
            var arguments =
                new StepChildArguments(launch.ExperimentId, launch.Step, launch.Attempt, launch.RunDirectory, launch.Device, ThreadsPerStep, channel);
            using var child = StepProcess.Start(arguments);
            StartTimeline.Mark(launch.ExperimentId, StartTimeline.Spawned);
            await log.AppendAsync(launch.ExperimentId, ExperimentLogLine.Info,
                $"{launch.StepName} attempt {launch.Attempt} runs in process {child.Pid} " +
                $"({arguments.Threads} thread{(arguments.Threads == 1 ? "" : "s")}, " +
                (Options.MemoryLimitMiB > 0 ? $"memory limit {Options.MemoryLimitMiB} MiB)" : "no memory limit)"));
            var output = new ChildOutputLog(log, launch.ExperimentId, launch.StepName, child);
            using var watching = new CancellationTokenSource();
            var memory = WatchMemoryAsync(child, watching.Token);
            using var stopping = cancel.Register(() => _ = child.StopAsync(Grace));

            var (end, relayError) = await RelayAsync(listener, child, launch, reporter, cancel);
            await WaitForExitAsync(child, end is not null);
            await watching.CancelAsync();
            var (exceeded, peak) = await memory;
            await output.DrainAsync();
            var outcome = Decide(launch, child, end, relayError, exceeded, cancel);
            logger.LogInformation("Experiment {Id} {Step} attempt {Attempt}: process {Pid} {Exit}, peak {Peak:F0} MiB resident: {End}",
                launch.ExperimentId, launch.StepName, launch.Attempt, child.Pid, child.DescribeExit(), peak, outcome.End);
            return outcome;
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Accepts the child's connection, hands it the config, then relays its messages until it sends its result
    /// or failure, or the channel closes (the child exited or died). Returns that last message, if any, and an error of
    /// the host's own (storing points failed, a garbled message), which also kills the child.</summary>
    private async Task<(StepMessage? End, string? Error)> RelayAsync(Socket listener, StepProcess child, StepLaunch launch, MetricReporter reporter,
        CancellationToken cancel)
    {
        var (connection, error) = await AcceptAsync(listener, child, cancel);
        if (connection is null)
            return (null, error);
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        try
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                var message = StepMessage.Parse(line);
                switch (message.Type)
                {
                    case StepMessage.Hello:
                        StartTimeline.Mark(launch.ExperimentId, StartTimeline.ChildReady);
                        logger.LogDebug("Experiment {Id} {Step}: process {Pid} ready {Ms:F0} ms after its start", launch.ExperimentId,
                            launch.StepName,
                            message.Pid, (DateTimeOffset.UtcNow - child.StartedAt).TotalMilliseconds);
                        await writer.WriteLineAsync(new StepMessage { Type = StepMessage.Start, Config = launch.ConfigJson }.ToLine());
                        break;
                    case StepMessage.Progress:
                        reporter.Add(new TrainingProgress(message.Step ?? 0, message.TotalSteps ?? 0, message.Epoch ?? 0,
                            message.Metrics ?? new Dictionary<string, double>(), message.Elapsed ?? 0));
                        break;
                    case StepMessage.Flush:
                        await reporter.FlushAsync();
                        await writer.WriteLineAsync(new StepMessage { Type = StepMessage.Flushed, Id = message.Id }.ToLine());
                        break;
                    case StepMessage.Result or StepMessage.Failure:
                        // The channel stays open until the child has exited: closing it first would read as the host gone.
                        await WaitForExitAsync(child, reported: true);
                        return (message, null);
                }
            }
            return (null, null);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or Orleans.Runtime.OrleansException or TimeoutException)
        {
            child.Kill(); // without its flush answered, the child must not go on to write the checkpoint
            return (null, $"the host could not relay the step's reports: {e.GetType().Name}: {e.Message}");
        }
        catch (IOException)
        {
            return (null, null); // the child died mid-line
        }
    }

    /// <summary>The child's connection; null when it exited first or the attempt was stopped, or with an error when it
    /// did not connect in time (it is killed then).</summary>
    private async Task<(Socket? Connection, string? Error)> AcceptAsync(Socket listener, StepProcess child, CancellationToken cancel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Options.StepStartTimeoutSeconds));
        using var give = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancel);
        var accept = listener.AcceptAsync(give.Token).AsTask();
        var exited = child.Process.WaitForExitAsync(give.Token);
        if (await Task.WhenAny(accept, exited) == accept && accept.IsCompletedSuccessfully)
            return (accept.Result, null);
        await give.CancelAsync();
        try
        {
            return (await accept, null); // it may have connected just as the other task ended
        }
        catch (OperationCanceledException)
        {
            if (!timeout.IsCancellationRequested || child.Process.HasExited)
                return (null, null);
            child.Kill();
            return (null,
                $"its process ({child.Pid}) did not connect to the host within {Options.StepStartTimeoutSeconds} s "
                + $"(Csol:Jobs:StepStartTimeoutSeconds)");
        }
    }

    /// <summary>After a result or failure the child exits by itself; otherwise it already has (the channel closed). Either
    /// way it gets the grace period, then SIGKILL.</summary>
    private async Task WaitForExitAsync(StepProcess child, bool reported)
    {
        using var timeout = new CancellationTokenSource(reported ? Grace : Grace + Grace);
        try
        {
            await child.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            await child.Process.WaitForExitAsync();
        }
    }

    /// <summary>Polls the child's resident memory; over the limit it is killed at once (a grace period would let it grow
    /// on into the host's memory). Returns the error then, and the peak seen.</summary>
    private async Task<(string? Exceeded, double PeakMiB)> WatchMemoryAsync(StepProcess child, CancellationToken stop)
    {
        var limit = Options.MemoryLimitMiB;
        double peak = 0;
        while (!stop.IsCancellationRequested && child.ResidentMiB() is { } resident)
        {
            peak = Math.Max(peak, resident);
            if (limit > 0 && resident > limit)
            {
                child.Kill();
                return (string.Create(CultureInfo.InvariantCulture,
                    $"its process ({child.Pid}) exceeded its memory limit of {limit} MiB (Csol:Jobs:MemoryLimitMiB): {resident:F0} MiB resident "
                        + $"when it was killed"), peak);
            }
            try
            {
                await Task.Delay(MemoryPollInterval, stop);
            }
            catch (OperationCanceledException) { }
        }
        return (null, peak);
    }

    private StepOutcome Decide(StepLaunch launch, StepProcess child, StepMessage? end, string? relayError, string? exceeded, CancellationToken cancel)
    {
        if (end?.Type == StepMessage.Result)
        {
            if (child.Process.ExitCode != 0)
                logger.LogWarning("Experiment {Id} {Step}: process {Pid} {Exit} after reporting its result; the result stands",
                    launch.ExperimentId, launch.StepName, child.Pid, child.DescribeExit());
            return new StepOutcome(StepOutcome.Ending.Succeeded,
                new TrainingResult(end.Metrics ?? new Dictionary<string, double>(), end.Step ?? 0, end.Elapsed ?? 0));
        }
        if (cancel.IsCancellationRequested)
            return new StepOutcome(StepOutcome.Ending.Stopped);
        if (exceeded is not null)
            return new StepOutcome(StepOutcome.Ending.Failed, Error: exceeded);
        if (relayError is not null)
            return new StepOutcome(StepOutcome.Ending.Failed, Error: relayError);
        if (end?.Type == StepMessage.Failure)
            return new StepOutcome(StepOutcome.Ending.Failed, Error: end.Error ?? "the step failed without saying why",
                Kind: end.Kind ?? StepMessage.ErrorKind);
        return new StepOutcome(StepOutcome.Ending.Failed, Error: $"its process ({child.Pid}) {child.DescribeExit()} before finishing the step");
    }
}
