using System.ComponentModel.DataAnnotations;

namespace Csol.Silo.Hosting;

/// <summary>Where the platform keeps its files. Section <c>Csol</c>.</summary>
public sealed class CsolOptions
{
    public const string Section = "Csol";

    /// <summary>Databases and run outputs live here (created if missing). Relative paths are taken from the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The experiment configs users pick from in the dashboard (the repo's <c>experiments/</c>). Relative paths are
    /// taken from the working directory; the default falls back to the <c>experiments/</c> beside the executable (a
    /// <c>dotnet publish</c> folder ships one) when the working directory has none.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ExperimentsDirectory { get; set; } = "experiments";

    /// <summary>Folders datasets may be registered from and served out of (<c>Csol:DataRoots:0</c>, …). Empty: the
    /// data directory alone. Relative paths are taken from the working directory.</summary>
    public List<string> DataRoots { get; set; } = [];

    public string DataPath => Path.GetFullPath(DataDirectory);

    public IReadOnlyList<string> DataRootPaths =>
        DataRoots.Count == 0 ? [DataPath] : DataRoots.Select(r => Path.GetFullPath(r)).ToArray();

    public string ExperimentsPath => ResolveExperimentsPath(ExperimentsDirectory);

    private static string ResolveExperimentsPath(string directory)
    {
        var fromWorkingDirectory = Path.GetFullPath(directory);
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, directory);
        return Path.IsPathRooted(directory) || Directory.Exists(fromWorkingDirectory) || !Directory.Exists(besideExecutable)
            ? fromWorkingDirectory
            : Path.GetFullPath(besideExecutable);
    }
}

/// <summary>Orleans silo settings. Section <c>Csol:Orleans</c>.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Csol:Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    [Required(AllowEmptyStrings = false), RegularExpression("^[A-Za-z0-9_.-]+$")]
    public string ClusterId { get; set; } = "csol-local";

    [Required(AllowEmptyStrings = false), RegularExpression("^[A-Za-z0-9_.-]+$")]
    public string ServiceId { get; set; } = "csol";

    public const string Localhost = "localhost";
    public const string Redis = "redis";

    /// <summary>The setting holding the Redis configuration string (e.g. <c>redis.lab:6379,password=…</c>).</summary>
    public const string RedisConnectionSetting = "ConnectionStrings:Redis";

    /// <summary><c>localhost</c> (default: this process is the whole cluster) or <c>redis</c> (hosts find each other
    /// through the membership table in the Redis server of <c>ConnectionStrings:Redis</c>).</summary>
    [Required, RegularExpression("^(localhost|redis)$", ErrorMessage = "must be 'localhost' or 'redis'")]
    public string Clustering { get; set; } = Localhost;

    /// <summary>The address other hosts reach this silo at (cluster mode); empty picks this machine's first
    /// non-loopback IPv4 address.</summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>How long a silo may miss a membership probe; a host missing three in a row is declared dead and its
    /// running experiments go to other devices. Orleans' default is 5 s.</summary>
    [Range(0.5, 60)]
    public double ProbeTimeoutSeconds { get; set; } = 5;

    public bool IsCluster => Clustering == Redis;
}

/// <summary>Hangfire job server settings. Section <c>Csol:Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Csol:Jobs";

    /// <summary>Tries a failing step gets in all (each resumes from the newest checkpoint); 1 turns retries off.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often idle workers look for new jobs; Hangfire's SQLite default (15 s) makes queued runs wait.</summary>
    [Range(0.1, 60)]
    public double QueuePollIntervalSeconds { get; set; } = 0.25;

    /// <summary>How often a host checks that every step the scheduler runs on its devices still has a Hangfire job
    /// (one lost while the database was away is dispatched again after two checks).</summary>
    [Range(1, 3600)]
    public int OrphanCheckSeconds { get; set; } = 10;

    /// <summary>How long a step's child process has, after SIGTERM (a cancel, or the host stopping), to stop by itself
    /// before it is killed with SIGKILL.</summary>
    [Range(0.1, 600)]
    public double CancelGraceSeconds { get; set; } = 10;

    /// <summary>Resident memory (anonymous pages: heaps, tensors) a step's child process may use, in MiB; a child over it
    /// is killed and its attempt fails saying so. 0: no limit of ours (the kernel's out-of-memory killer then picks the
    /// child first, never the host).</summary>
    [Range(0, 4_194_304)]
    public int MemoryLimitMiB { get; set; }

    /// <summary>Torch threads (and <c>OMP_NUM_THREADS</c>) per step's child process. 0: the host's cores divided by its
    /// devices, so the jobs running at once never ask for more threads than there are cores.</summary>
    [Range(0, 1024)]
    public int ThreadsPerStep { get; set; }

    /// <summary>How long a started child process has to connect to its host before the attempt fails.</summary>
    [Range(1, 600)]
    public double StepStartTimeoutSeconds { get; set; } = 120;
}

/// <summary>This host's identity and devices. Section <c>Csol:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Csol:Scheduler";

    /// <summary>The host's name in device keys and job queue names; empty means the machine name. Hosts of one cluster
    /// need distinct names.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]*$")]
    public string Host { get; set; } = "";

    /// <summary>Jobs that may run at once on a host without CUDA devices. A training job uses every core, so 1.</summary>
    [Range(1, 64)]
    public int CpuSlots { get; set; } = 1;

    /// <summary>Offer the CUDA devices TorchSharp finds (one job per device); false schedules on CPU slots only.</summary>
    public bool UseCuda { get; set; } = true;

    /// <summary>The devices this host offers, overriding <see cref="UseCuda"/> and <see cref="CpuSlots"/>: empty (find
    /// them), <c>none</c> (a control host that runs no jobs), <c>cpu:N</c> (N CPU slots) or <c>cuda:0,cuda:1</c> (those
    /// CUDA devices; start-up fails when one is missing). <c>csol worker --devices</c> sets it.</summary>
    [RegularExpression("^(|none|cpu:[0-9]+|cuda:[0-9]+(,cuda:[0-9]+)*)$", ErrorMessage = "must be empty, 'none', 'cpu:N' or 'cuda:0,cuda:1,…'")]
    public string Devices { get; set; } = "";

    public string HostName => Host.Length > 0 ? Host : Environment.MachineName;
}
