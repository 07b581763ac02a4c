using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Csol.Abstractions;
using Csol.Learning.Experiments;
using Csol.Learning.Training;
using TorchSharp;

namespace Csol.Silo.Jobs;

/// <summary>What <c>csol step</c> is told on its command line (the config comes over the channel).</summary>
/// <param name="Step">Index of the step in <see cref="ExperimentSteps.Names"/>.</param>
/// <param name="Attempt">1 for the step's first try, 2 for its first retry, ...</param>
/// <param name="Device">TorchSharp's device string (<c>cpu</c>, <c>cuda:1</c>) for configs that ask for <c>auto</c> or <c>cuda</c>.</param>
/// <param name="Threads">Torch intra-op threads: the child's share of the host's cores.</param>
/// <param name="Channel">The Unix domain socket the supervising host listens on.</param>
internal sealed record StepChildArguments(Guid ExperimentId, int Step, int Attempt, string RunDirectory, string Device, int Threads, string Channel);

/// <summary>The child's half of a step: connects to the host, runs the step, streams its progress, and asks the host to
/// store the points so far before each checkpoint is written.</summary>
/// <remarks>Flush-before-checkpoint is kept by asking, not by writing: the host owns the metric store (through the
/// experiment grain), so the child sends <c>flush</c> and blocks the training thread until the host answers <c>flushed</c>,
/// which it does only once every point sent before has been stored. A child killed at any moment thus leaves a newest
/// checkpoint whose points are all stored; points after it are dropped by the next attempt's start and replayed.</remarks>
internal sealed class StepChild(StepChildArguments arguments)
{
    public const int CancelledExitCode = 130;
    public const int FailedExitCode = 1;

    private readonly object _writeLock = new();
    private readonly ManualResetEventSlim _flushed = new();
    private StreamWriter? _writer;
    private long _flushId;
    private long _flushedId;
    // Set before the last message: a channel that closes after it is the host done with us, not the host gone.
    private volatile bool _reported;

    public int Run()
    {
        PreferMeForTheOomKiller();
        using var cancel = new CancellationTokenSource();
        // SIGTERM is the host's cancel (docs/isolation.md): stop at the next step; the host SIGKILLs after its grace period.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(arguments.Channel));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

        Send(new StepMessage { Type = StepMessage.Hello, Pid = Environment.ProcessId });
        var start = ReadStart(reader);
        new Thread(() => ReadAnswers(reader)) { IsBackground = true, Name = "csol step channel" }.Start();
        return RunStep(start.Config!, cancel.Token);
    }

    private int RunStep(string configJson, CancellationToken cancellationToken)
    {
        ExperimentSteps? steps = null;
        try
        {
            var config = ForDevice(ExperimentConfigLoader.Parse(configJson, $"experiment {arguments.ExperimentId}"), arguments.Device);
            steps = new ExperimentSteps(config, arguments.RunDirectory) { BeforeCheckpoint = FlushAndWait };
            // The probe and preprocess run no torch work, and start faster without loading libtorch for it.
            if (config.Kind != ExperimentKinds.Probe && !steps.IsPreprocess(arguments.Step))
                torch.set_num_threads(arguments.Threads);
            var result = steps.Run(arguments.Step, arguments.Attempt, SendProgress, cancellationToken);
            _reported = true;
            Send(new StepMessage { Type = StepMessage.Result, Metrics = result.FinalMetrics, Step = result.Steps, Elapsed = result.ElapsedSeconds });
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CancelledExitCode;
        }
        catch (Exception e)
        {
            var (kind, error) = Classify(e, steps?.IsPreprocess(arguments.Step) == true);
            _reported = true;
            Send(new StepMessage { Type = StepMessage.Failure, Kind = kind, Error = error });
            if (kind == StepMessage.ErrorKind)
                Console.Error.WriteLine(e); // the stack trace, into the experiment log
            return FailedExitCode;
        }
    }

    /// <summary>The device the scheduler gave the step, for configs that leave the choice to it.</summary>
    public static ExperimentConfig ForDevice(ExperimentConfig config, string torchDevice) =>
        config.Device is "auto" or DeviceInfo.Cuda ? config with { Device = torchDevice } : config;

    /// <summary>Whether a retry could help, and the error as the experiment shows it.</summary>
    private static (string Kind, string Error) Classify(Exception e, bool preprocess)
    {
        if (e is ExperimentConfigException)
            return (StepMessage.ConfigKind, e.Message);
        var error = $"{e.GetType().Name}: {e.Message}";
        // Missing or broken data will not mend itself on a retry: preprocess fails the experiment at once.
        return preprocess && e is InvalidDataException or IOException
            ? (StepMessage.DataKind, $"{ExperimentSteps.PreprocessStep}: {error}")
            : (StepMessage.ErrorKind, error);
    }

    private void SendProgress(TrainingProgress p) => Send(new StepMessage
    {
        Type = StepMessage.Progress, Step = p.Step, TotalSteps = p.TotalSteps, Epoch = p.Epoch, Metrics = p.Metrics, Elapsed = p.ElapsedSeconds,
    });

    /// <summary><see cref="StageOneTrainerOptions.BeforeCheckpoint"/>: returns once the host has stored every point sent so far.</summary>
    private void FlushAndWait()
    {
        var id = Interlocked.Increment(ref _flushId);
        Send(new StepMessage { Type = StepMessage.Flush, Id = id });
        while (Interlocked.Read(ref _flushedId) < id)
        {
            _flushed.Wait();
            _flushed.Reset();
        }
    }

    private void Send(StepMessage message)
    {
        try
        {
            lock (_writeLock)
                _writer!.WriteLine(message.ToLine());
        }
        catch (IOException)
        {
            HostGone();
        }
    }

    private StepMessage ReadStart(StreamReader reader)
    {
        var line = reader.ReadLine();
        if (line is null)
            HostGone();
        var start = StepMessage.Parse(line!);
        if (start.Type != StepMessage.Start || start.Config is null)
            throw new InvalidDataException($"expected a {StepMessage.Start} message with the config, got {start.Type}");
        return start;
    }

    private void ReadAnswers(StreamReader reader)
    {
        try
        {
            while (reader.ReadLine() is { } line)
            {
                var message = StepMessage.Parse(line);
                if (message.Type == StepMessage.Flushed && message.Id is { } id)
                {
                    Interlocked.Exchange(ref _flushedId, id);
                    _flushed.Set();
                }
            }
        }
        catch (IOException) { }
        if (!_reported)
            HostGone();
    }

    /// <summary>The host closed the channel: it died or was killed, and nobody will store what this process reports. The
    /// next host start dispatches the step again, so stop now rather than train on as an orphan holding the device.</summary>
    private static void HostGone()
    {
        Console.Error.WriteLine("csol step: the host closed the channel; stopping");
        Process.GetCurrentProcess().Kill();
    }

    /// <summary>If the kernel has to kill for memory, this process, not the host, should be the one (oom_score_adj 1000
    /// makes it the first candidate; raising it needs no privilege).</summary>
    private static void PreferMeForTheOomKiller()
    {
        try
        {
            File.WriteAllText("/proc/self/oom_score_adj", "1000");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
