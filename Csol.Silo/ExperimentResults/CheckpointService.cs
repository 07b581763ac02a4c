using Csol.Abstractions;
using Csol.Abstractions.Services;

namespace Csol.Silo.ExperimentResults;

public sealed class CheckpointService(IGrainFactory grains, ICheckpointRecords records) : ICheckpointService
{
    public Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid? experimentId = null, bool includeDeleted = false) =>
        records.ListAsync(experimentId, includeDeleted);

    public Task<CheckpointInfo?> GetAsync(Guid checkpointId) => grains.GetGrain<ICheckpointGrain>(checkpointId).GetAsync();

    public Task<CheckpointInfo> TagAsync(Guid checkpointId, string tag) => grains.GetGrain<ICheckpointGrain>(checkpointId).TagAsync(tag);
}
