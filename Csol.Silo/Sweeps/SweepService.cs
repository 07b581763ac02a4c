using Csol.Abstractions.Services;
using Csol.Learning.Experiments;
using Csol.Learning.Experiments.Sweeps;

namespace Csol.Silo.Sweeps;

/// <summary>Either the queued sweep (group name and its experiments' ids, in order) or every problem that stopped it.</summary>
public sealed record SweepResult(string? Group, IReadOnlyList<Guid> ExperimentIds, IReadOnlyList<ConfigError> Errors)
{
    public bool Queued => Group is not null;
}

/// <summary>Expands a sweep config and queues each experiment through <see cref="IExperimentService"/>.</summary>
public sealed class SweepService(IExperimentService experiments, ILogger<SweepService> logger)
{
    public async Task<SweepResult> QueueAsync(string configJson, string source, string? owner = null, CancellationToken cancellationToken = default)
    {
        SweepPlan plan;
        try
        {
            // Every expanded config is validated here, before the first is queued: a bad sweep queues nothing.
            plan = SweepExpander.Expand(configJson, source);
        }
        catch (ExperimentConfigException e)
        {
            return new SweepResult(null, [], e.Errors);
        }
        var ids = new List<Guid>();
        foreach (var experiment in plan.Experiments)
        {
            var queued = await experiments.QueueAsync(experiment.ConfigJson, $"{source} [{experiment.Name}]", owner, cancellationToken);
            if (queued.ExperimentId is not { } id)
                throw new InvalidOperationException(
                    $"{experiment.Name} passed the sweep's validation but was refused: {string.Join("; ", queued.Errors)}");
            ids.Add(id);
        }
        logger.LogInformation("Queued sweep {Name} ({Mode}): {Count} experiments", plan.Name, plan.Mode, ids.Count);
        return new SweepResult(plan.Name, ids, []);
    }
}
